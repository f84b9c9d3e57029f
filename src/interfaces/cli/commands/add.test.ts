import '../../../../test/no-network.ts';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { tempDir } from '../../../../test/db.ts';
import {
  type ReplayServer,
  recordedCall,
  startReplayServer,
} from '../../../../test/replay-server.ts';
import { openSqliteStore } from '../../../adapters/db/connect.ts';
import { memoryIo } from '../io.ts';
import { runCli } from '../main.ts';

const quant = recordedCall('arxiv-atom/id_quant-ph_0201082v1_s0_m100_86989fe779ef.json');
const empty = recordedCall('arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.json');
const dir = tempDir();
let server: ReplayServer;
before(async () => {
  server = await startReplayServer((url) =>
    url.searchParams.get('id_list') === 'quant-ph/0201082'
      ? { body: quant.body }
      : { body: empty.body },
  );
});
after(async () => {
  await server.close();
  dir.remove();
});

async function add(...args: string[]) {
  const io = memoryIo({
    PAPERBOY_DATA_DIR: dir.path,
    ARXIV_API_URL: `${server.origin}/api/query`,
    ARXIV_REQUEST_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
  });
  const code = await runCli(['add', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('add fetches a paper from the arXiv API, stores it and queues it for embedding', async () => {
  const first = await add('https://arxiv.org/abs/quant-ph/0201082v1');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /✓ quant-ph\/0201082v1 added\/updated: Quantum Computers/);
  assert.match(first.out, /1 requested: 1 new, 0 updated, 0 unchanged, 0 rejected/);
  const again = await add('quant-ph/0201082');
  assert.match(again.out, /0 new, 0 updated, 1 unchanged/);
  const store = openSqliteStore(`${dir.path}/paperboy.db`);
  const queued = await store.db.selectFrom('embedding_queue').selectAll().execute();
  await store.close();
  assert.deepEqual(
    queued.map((q) => q.paper_id),
    ['quant-ph/0201082'],
  );
});

test('add reports unknown and invalid inputs and exits 1', async () => {
  const { code, err, out } = await add('2401.99999', 'not-a-paper');
  assert.equal(code, 1);
  assert.match(err, /"not-a-paper" is not an arXiv id/);
  assert.match(err, /2401\.99999: arXiv has no paper with this id/);
  assert.match(out, /0 new, 0 updated, 0 unchanged, 2 rejected/);
});
