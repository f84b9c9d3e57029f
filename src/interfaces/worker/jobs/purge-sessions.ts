/**
 * Daily: delete expired sessions and old sign-in tokens, so neither table grows without bound.
 */
import type { Container } from '../../../container.ts';
import { purgeExpiredAccess } from '../../../core/community/accounts.ts';
import type { Job } from '../../../core/jobs/model.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'community'>;

export function purgeSessionsJob(container: Uses): Job {
  return {
    name: 'accounts:purge',
    everyMs: 24 * 60 * 60_000,
    async run({ log }) {
      const { sessions, tokens } = await purgeExpiredAccess(container.community);
      log.info('expired access purged', { sessions, tokens });
      return undefined;
    },
  };
}
