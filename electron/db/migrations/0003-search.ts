import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search (docs/ARCHITECTURE.md, Search): one FTS5 row per case, rowid = case id, trigram
 * tokenizer so any substring of 3+ characters is an index lookup. detail=full because a substring
 * of 4+ characters is a phrase of trigrams, which FTS5 refuses with detail=column or none.
 * The table is filled from JS (pinyin needs pinyin-pro): registration indexes its case in its own
 * transaction, the seed and the start-up backfill call the core's indexer.
 */
export class Search1764374400000 implements MigrationInterface {
  name = 'Search1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIRTUAL TABLE case_search USING fts5(
      case_no, names, initials, pinyin, phones, id_numbers, summary,
      tokenize = 'trigram', detail = full)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_search');
  }
}
