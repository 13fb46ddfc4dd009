import type { Manifest } from '../../../shared/domain/exchange';
import { exchangeRefusal } from '../exchange/package/refusal';

/** What the office last applied from one station of a committee (office_stations). */
export interface StationState {
  last_sequence: number;
  last_sha256: string;
  last_imported_at: string;
}

/** An earlier receipt with the same file hash or the same sequence: the package was already applied. */
export interface EarlierReceipt {
  file_name: string;
  sequence: number;
  imported_at: string;
}

/** The sequences the operator accepted as lost (office import --accept-gap). */
export interface Gap {
  from: number;
  to: number;
}

const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * EXCHANGE.md "Sequence and increments": each station's packages apply in order. Expected: the next sequence, whose
 * previous_sha256 is the hash of the station's last applied package. A repeat (a replay, or the same file again), a
 * gap (unless the operator accepts it) or a fork is refused; nothing is written. Returns the accepted gap, if any.
 */
export function checkSequence(
  fileName: string, m: Manifest, state: StationState | null, earlier: EarlierReceipt | null, acceptGap: boolean,
): Gap | null {
  const where = `数据包“${fileName}”（${m.committee.code}，站点 ${m.station.slice(0, 8)}，序号 ${m.sequence}）`;
  const at = { file: fileName, code: m.committee.code, station: m.station.slice(0, 8), sequence: m.sequence };
  if (earlier) {
    const importedAt = day(earlier.imported_at);
    throw earlier.sequence === m.sequence && earlier.file_name === fileName
      ? exchangeRefusal('sequence_repeat', 'sameFile', `${where}已于 ${importedAt} 导入过，本次未作任何更改`, { ...at, importedAt })
      : exchangeRefusal('sequence_repeat', 'otherFile',
        `${where}已于 ${importedAt} 导入过（当时的文件为“${earlier.file_name}”，序号 ${earlier.sequence}），本次未作任何更改`,
        { ...at, importedAt, earlierFile: earlier.file_name, earlierSequence: earlier.sequence });
  }
  const last = state?.last_sequence ?? 0;
  if (state && m.sequence <= last) {
    const importedAt = day(state.last_imported_at);
    throw exchangeRefusal('sequence_repeat', 'behind',
      `${where}是重复的数据包：该站点已导入到序号 ${last}（最近一次导入于 ${importedAt}），本次未作任何更改`, { ...at, last, importedAt });
  }
  if (m.sequence > last + 1) {
    const gap = { from: last + 1, to: m.sequence - 1 };
    if (acceptGap) return gap;
    const missing = gap.from === gap.to ? `序号 ${gap.from}` : `序号 ${gap.from} 至 ${gap.to}`;
    throw exchangeRefusal('sequence_gap', gap.from === gap.to ? 'one' : 'several',
      `${where}之前缺少该站点的${missing}的数据包。请先导入缺少的数据包；如确认已丢失，可使用“接受缺号”（--accept-gap）继续导入，此决定将被记录`,
      { ...at, ...gap });
  }
  const expected = state?.last_sha256 ?? '';
  if (m.previous_sha256 !== expected) {
    throw expected
      ? exchangeRefusal('sequence_fork', 'previous',
        `${where}与已导入的序号 ${last} 的数据包不衔接（前一数据包的哈希值不符），可能是从另一份数据库副本导出的。请与该调解委员会核实，本次未作任何更改`,
        { ...at, last })
      : exchangeRefusal('sequence_fork', 'noPrevious',
        `${where}声称接续一个前序数据包，但该站点尚未导入过任何数据包。请与该调解委员会核实，本次未作任何更改`, at);
  }
  return null;
}
