/** The platform's thread (see platform-thread.ts): the sandbox, its commits timestamped here and posted to the bench. */
import { parentPort } from 'node:worker_threads';
import { startSandbox } from '../../../sandbox/server';
import { nodeNow } from './clock';
import { timestampEventPosts } from './commits';
import type { FromPlatform, ToPlatform } from './platform-thread';

const bench = parentPort!;
const tell = (message: FromPlatform) => bench.postMessage(message);
const stopTimestamping = timestampEventPosts((commit) => tell({ kind: 'commit', commit }));
const sandbox = await startSandbox({ port: 0, dataFile: ':memory:', controls: true });
bench.on('message', (message: ToPlatform) => {
  if (message.kind === 'now') {
    tell({ kind: 'answer', id: message.id, value: nodeNow() });
    return;
  }
  if (message.kind === 'storedIds') {
    tell({ kind: 'answer', id: message.id, value: sandbox.storedEvents().map((event) => event.id) });
    return;
  }
  void sandbox.close().finally(() => {
    stopTimestamping();
    bench.close();
  });
});
tell({ kind: 'ready', url: sandbox.url, port: sandbox.port });
