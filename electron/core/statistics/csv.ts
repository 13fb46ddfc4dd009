import { figureLabel, reportLeaves, type Leaf, type StatisticsReport } from '../../../shared/domain/statistics';

const BOM = '\uFEFF';

/** RFC 4180: quoted when it holds a comma, a quote or a line break. */
const field = (v: Leaf | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * `--format csv` (STATISTICS.md): one line per figure — key path, Chinese label, value — in UTF-8 with a BOM so
 * Excel reads the Chinese. The period, as_of and committee come first, as lines of the same shape; a null rate is empty.
 */
export function reportToCsv(report: StatisticsReport): string {
  const lines = reportLeaves(report).map(([key, value]) => [key, figureLabel(key, report) ?? key, value].map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
