import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search (docs/ARCHITECTURE.md, Search). Two FTS5 tables, one row per case, rowid = case id:
 * - case_search: trigram tokenizer, so any substring of 3+ characters is an index lookup.
 *   detail=full because a substring of 4+ characters is a phrase of trigrams, which FTS5 refuses
 *   with detail=column or none. It keeps its content: short terms without letters or digits are
 *   checked on the stored columns.
 * - case_search_chars: the same text with a space after every character (unicode61: one token per
 *   character), for terms of 1–2 characters, which no trigram can find (张三, 噪音, zs). A phrase
 *   of single characters is a substring. Contentless: it only answers MATCH.
 * Both are filled from JS (pinyin needs pinyin-pro): registration indexes its case in its own
 * transaction; the seed and the start-up backfill call the core's indexer.
 */
export class Search1764374400000 implements MigrationInterface {
  name = 'Search1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIRTUAL TABLE case_search USING fts5(
      case_no, names, initials, pinyin, phones, id_numbers, summary,
      tokenize = 'trigram', detail = full)`);
    await q.query(`CREATE VIRTUAL TABLE case_search_chars USING fts5(
      text, initials, heads,
      tokenize = 'unicode61 remove_diacritics 0', detail = full, content = '', contentless_delete = 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_search_chars');
    await q.query('DROP TABLE case_search');
  }
}
