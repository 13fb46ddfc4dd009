import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../../db/reader';
import { spoolRecordFile } from './package/spool-records';
import { recordLines } from './records';
import type { RecordJob, WorkerMessage } from './record-thread';

// A worker thread's side of record-thread.ts: its own read-only connection, the same lines, the same spooling.
const job = workerData as RecordJob;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);

async function run(): Promise<void> {
  const db = openReader(job.reader);
  try {
    post({ type: 'ready' });
    for (const file of job.files) {
      const lines = recordLines(db, file, job.window, { level: job.level, secret: Buffer.from(job.secret) });
      post({ type: 'done', file: await spoolRecordFile(file, lines, (p) => post({ type: 'progress', ...p })) });
    }
  } finally {
    db.close();
  }
}

run().catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined }));
