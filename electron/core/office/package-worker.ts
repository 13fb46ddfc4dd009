import { parentPort, workerData } from 'node:worker_threads';
import { LocalHost, toThreadError, type HostReply, type HostRequest } from './package-host';

// A worker thread's side of package-host.ts (WorkerHost): the office's identities and pinned keys, and the same work.
const data = workerData as { identities: string[]; pinned: Record<string, string>; inMemory?: number };
const pinned = new Map(Object.entries(data.pinned));
const host = new LocalHost({ identities: data.identities, pinnedKey: (code) => pinned.get(code) ?? null, inMemory: data.inMemory });
const post = (m: HostReply) => parentPort!.postMessage(m);

async function answer(r: HostRequest): Promise<unknown> {
  switch (r.op) {
    case 'prepare': return host.prepareToSend(r.file, r.name, r.streamFrom);
    case 'dispose': return host.dispose();
  }
}

// The host takes the requests one at a time in the order they came (LocalHost's own queue).
parentPort!.on('message', (r: HostRequest) => {
  void answer(r)
    .then((value) => post({ id: r.id, ok: true, value }))
    // Its own failure, or an answer that could not be sent: the request is answered either way.
    .catch((e: unknown) => post({ id: r.id, ok: false, error: toThreadError(e) }));
});
post({ type: 'ready' });
