import type { z } from 'zod';
import type { Contract, Output } from '../../shared/ipc/contract';
import { AppFailure } from '../core/errors';
import {
  addSweep, computeFigures, drillDown, exportReportPdf, exportReportXlsx, freezeReport, getSnapshot, listSnapshots, listSweeps, monthlyTrend,
  removeSweep, reportToCsv,
} from '../core/statistics';
import type { HandlerContext } from './handlers';

type StatsChannel = Extract<keyof Contract, `stats:${string}`>;
type StatsHandlers = { [C in StatsChannel]: (ctx: HandlerContext, input: z.output<Contract[C]['input']>) => Promise<Output<C>> };

/** Statistics (STATISTICS.md): figures, the cases behind each, the sweep log, frozen reports. */
export const statisticsHandlers: StatsHandlers = {
  'stats:report': async ({ core }, period) => computeFigures(core.db, period, core.clock()),
  'stats:cases': async ({ core }, { from, to, figure }) => drillDown(core.db, { from, to }, figure),
  'stats:sweeps': ({ core }, range) => listSweeps(core.db, range),
  'stats:sweepAdd': ({ core, actor }, i) => addSweep(core.db, actor, core.clock, i),
  'stats:sweepRemove': async ({ core, actor }, { id }) => { await removeSweep(core.db, actor, core.clock, id); return {}; },
  'stats:snapshot': ({ core, actor }, { from, to, reason }) => freezeReport(core.db, actor, core.clock, { from, to }, reason),
  'stats:snapshots': ({ core }) => listSnapshots(core.db),
  'stats:snapshotGet': ({ core }, { id }) => getSnapshot(core.db, id),
  'stats:csv': async ({ core }, input) => {
    const frozen = 'snapshotId' in input ? await getSnapshot(core.db, input.snapshotId) : null;
    const report = frozen ? frozen.figures : computeFigures(core.db, input as { from: string; to: string }, core.clock());
    const name = `人民调解统计_${report.committee.code}_${report.period.from}_${report.period.to}${frozen ? `_快照${frozen.id}` : ''}.csv`;
    return { fileName: name, csv: reportToCsv(report) };
  },
  // Freezes an 'exported' snapshot and audits the file (exportReportXlsx).
  // On the desktop the workbook streams to the file the user picks; the preview (no platform, no save dialog) gets
  // the bytes back for the browser's download.
  'stats:exportXlsx': ({ core, actor, platform }, period) => {
    const choose = platform?.chooseSavePath?.bind(platform);
    return exportReportXlsx(core.db, actor, core.clock, period, choose && ((name) => choose(name, { name: 'Excel 工作簿', extensions: ['xlsx'] })));
  },
  // The desktop prints the page to PDF and asks where to save it; the preview has no printer of its own.
  'stats:savePdf': ({ core, actor, platform }, input) => {
    if (!platform) throw new AppFailure('BAD_STATE', 'errors.pdfInPreview', '预览模式不能直接存为PDF：请点“打印”，在打印对话框中选择“另存为PDF”');
    return exportReportPdf(core.db, actor, core.clock, input, (html, name) => platform.savePdf(html, name));
  },
  'stats:trend': async ({ core }, { to, months }) => monthlyTrend(core.db, to, months, core.clock()),
};
