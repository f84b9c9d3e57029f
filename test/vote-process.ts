/**
 * A separate process that toggles votes on a store, for the multi-process concurrency test:
 *   [DATABASE_URL=…] node --import tsx test/vote-process.ts <data dir> <paper id> <user id>...
 */
import { createContainer } from '../src/container.ts';
import { toggleVote } from '../src/core/community/votes.ts';
import { silentLogger } from '../src/log.ts';
import { testConfig } from './db.ts';

const [dataDir = '', paperId = '', ...userIds] = process.argv.slice(2);
const env: Record<string, string> = process.env.DATABASE_URL
  ? { DATABASE_URL: process.env.DATABASE_URL }
  : {};
const container = await createContainer(testConfig(dataDir, env), {
  log: silentLogger,
  migrate: false,
});
try {
  for (const id of userIds) {
    const user = await container.community.users.get(id);
    await toggleVote(container.community, user, paperId);
  }
} finally {
  await container.close();
}
