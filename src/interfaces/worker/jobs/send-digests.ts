/**
 * Sends email digests: every 10 minutes, records the digests that fell due (each subscriber's
 * 07:00, weekdays or Mondays, in their own time zone) and sends what is pending. When the SMTP
 * server cannot be reached the run fails, so the scheduler backs off and tries again; nothing
 * recorded is lost in between.
 */
import type { Container } from '../../../container.ts';
import { sendDigests } from '../../../core/digests/send-digests.ts';
import { createError } from '../../../core/errors.ts';
import type { Job } from '../../../core/jobs/model.ts';
import { lockOwner } from '../lock-owner.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'digestDeps'>;

export function sendDigestsJob(container: Uses): Job {
  return {
    name: 'digests:send',
    everyMs: 10 * 60_000,
    async run({ log, signal }) {
      const report = await sendDigests(container.digestDeps, { lockOwner: lockOwner(), signal });
      const { plan } = report;
      if (plan.due > 0 || report.sent > 0 || report.failed > 0) {
        log.info('digests sent', {
          due: plan.due,
          recorded: plan.recorded,
          empty: plan.empty,
          sent: report.sent,
          failed: report.failed,
          retrying: report.retrying,
          unconfirmed: report.unconfirmed,
        });
      }
      if (report.stopped?.reason === 'smtp_unavailable') {
        throw createError('mail_failed', 'digest recipients', report.stopped.message);
      }
      return undefined;
    },
  };
}
