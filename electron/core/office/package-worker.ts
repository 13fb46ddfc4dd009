import { parentPort, workerData } from 'node:worker_threads';
import { LocalHost, toThreadError, type HostReply, type HostRequest } from './package-host';

// A worker thread's side of package-host.ts (WorkerHost): the office's identities and pinned keys, and the same work.
const data = workerData as { identities: string[]; pinned: Record<string, string> };
const pinned = new Map(Object.entries(data.pinned));
const host = new LocalHost({ identities: data.identities, pinnedKey: (code) => pinned.get(code) ?? null });
const post = (m: HostReply) => parentPort!.postMessage(m);

async function answer(r: HostRequest): Promise<unknown> {
  switch (r.op) {
    case 'open': return host.open(r.pkg, r.file, r.name);
    case 'rows': return host.rows(r.pkg, r.name, r.level, r.committee);
    case 'handOver': return host.handOver(r.pkg);
    case 'close': return host.close(r.pkg);
    case 'dispose': return host.dispose();
  }
}

// One request at a time, in the order they came: a package's rows are asked for while the one before is written.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (r: HostRequest) => {
  queue = queue
    .then(() => answer(r))
    .then((value) => post({ id: r.id, ok: true, value }))
    // Its own failure, or an answer that could not be sent: the request is answered either way, the queue goes on.
    .catch((e: unknown) => post({ id: r.id, ok: false, error: toThreadError(e) }));
});
post({ type: 'ready' });
