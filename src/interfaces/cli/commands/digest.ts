/**
 * `paperboy digest …`: send due digests now (`send [--dry-run] [--to addr]`), show what a
 * subscription's next digest would hold (`preview <id>`), the ledger's state (`status`), add a
 * subscription as the operator (`subscribe`), and act on mailto unsubscribe requests
 * (`unsubscribe <address|token>`).
 */
import type { Command } from 'commander';
import type { Clock } from '../../../core/clock.ts';
import { normalizeAddress } from '../../../core/digests/address.ts';
import { describe } from '../../../core/digests/describe-subscription.ts';
import { previewDigest } from '../../../core/digests/preview-digest.ts';
import { type SendReport, sendDigests } from '../../../core/digests/send-digests.ts';
import { subscribe } from '../../../core/digests/subscribe.ts';
import { unsubscribe } from '../../../core/digests/unsubscribe.ts';
import { createError } from '../../../core/errors.ts';
import { lockOwner } from '../../worker/lock-owner.ts';
import { addConfigOptions, commandSetup, ExitError, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgressFactory } from '../progress.ts';

export function registerDigest(program: Command, io: CliIo): void {
  const digest = program.command('digest').description('Email digests: send, preview, status');

  addConfigOptions(digest.command('send'))
    .description('Record and send every digest that is due now (the worker does this on its own)')
    .option('--dry-run', 'show what would be sent; record and send nothing')
    .option('--to <address>', 'only digests for this address')
    .option('--now <instant>', 'act as if it were this ISO instant (catching up, testing)')
    .option('--concurrency <n>', 'messages in flight at once (1–8)', '2')
    .action(
      async (
        opts: { dryRun?: boolean; to?: string; now?: string; concurrency: string },
        command: Command,
      ) => {
        const { config, log } = commandSetup(io, command);
        const clock = opts.now ? stoppedClock(opts.now) : undefined;
        const address = opts.to ? normalizeAddress(opts.to) : undefined;
        const concurrency = Number(opts.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) {
          throw createError(
            'invalid_input',
            `--concurrency must be a whole number from 1 to 8, got "${opts.concurrency}"`,
          );
        }
        const report = await withContainer(
          config,
          log,
          (c) => {
            const progress = createProgressFactory(log)('digests sent');
            return sendDigests(c.digestDeps, {
              lockOwner: lockOwner(),
              concurrency,
              ...(opts.dryRun ? { dryRun: true } : {}),
              ...(address ? { address } : {}),
              onProgress: (phase, n) => (phase === 'send' ? progress.advance(n) : undefined),
            }).finally(() => progress.done());
          },
          clock ? { clock } : {},
        );
        printReport(io, report, opts.dryRun === true);
        if (report.stopped) {
          io.err(`paperboy: ${report.stopped.message}`);
          throw new ExitError(1);
        }
      },
    );

  addConfigOptions(digest.command('preview <subscription-id>'))
    .description('Show the digest a subscription would get now (subject and text; --html for HTML)')
    .option('--html', 'print the HTML body instead of the text')
    .action(async (id: string, opts: { html?: boolean }, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const preview = await withContainer(config, log, (c) => previewDigest(c.digestDeps, id));
      const s = preview.subscription;
      io.out(`${s.address} · ${describe(s)} · ${s.status} · period ${preview.planned.period.key}`);
      if (!preview.message) {
        io.out('Nothing new for this subscription: no mail would be sent.');
        return;
      }
      io.out(`Subject: ${preview.message.subject}`);
      io.out('');
      io.out(opts.html ? preview.message.html : preview.message.text);
    });

  addConfigOptions(digest.command('status'))
    .description('Digests by state, and sends whose confirmation never came')
    .action(async (_opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const [counts, unconfirmed] = await withContainer(config, log, (c) =>
        Promise.all([c.digests.countByStatus(), c.digests.countUnconfirmed()]),
      );
      const states = ['pending', 'sent', 'empty', 'failed'];
      io.out(states.map((s) => `${s} ${counts[s] ?? 0}`).join(' · '));
      if (unconfirmed > 0) {
        io.out(
          `${unconfirmed} sent without the server's reply (the sender stopped between the end of data and the reply); not resent.`,
        );
      }
    });

  addConfigOptions(digest.command('subscribe <address>'))
    .description('Subscribe an address (mails a confirmation link unless --confirmed)')
    .option('--kind <kind>', 'trending, search or author', 'trending')
    .option('--query <query>', 'search words or query string (search), or a name (author)')
    .option('--cadence <cadence>', 'daily (weekdays) or weekly (Mondays)', 'daily')
    .option('--time-zone <zone>', 'IANA time zone of the subscriber (default: the feed’s)')
    .option('--confirmed', 'the owner of the address asked for it: active at once, no mail')
    .action(
      async (
        address: string,
        opts: Record<string, string | boolean | undefined>,
        command: Command,
      ) => {
        const { config, log } = commandSetup(io, command);
        const result = await withContainer(config, log, (c) =>
          subscribe(c.subscriptionDeps, {
            email: address,
            kind: String(opts.kind),
            cadence: String(opts.cadence),
            ...(typeof opts.query === 'string' ? { query: opts.query } : {}),
            ...(typeof opts.timeZone === 'string' ? { timeZone: opts.timeZone } : {}),
            verified: opts.confirmed === true,
          }),
        );
        io.out(
          `${result.subscription.id} ${result.subscription.status}: ${describe(result.subscription)} (${result.outcome})`,
        );
      },
    );

  addConfigOptions(digest.command('unsubscribe <address-or-token>'))
    .description(
      'Unsubscribe an address from everything, or one subscription by its token (mailto requests)',
    )
    .action(async (target: string, _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const lines = await withContainer(config, log, async (c) => {
        if (!target.includes('@')) {
          const token = target.replace(/^unsubscribe\s+/i, '').trim();
          const s = await unsubscribe(c.subscriptionDeps, token);
          return [`unsubscribed ${s.address} from ${describe(s)}`];
        }
        const address = normalizeAddress(target);
        const now = c.clock.now().toISOString();
        const subs = (await c.subscriptions.listByAddress(address)).filter(
          (s) => s.status !== 'unsubscribed',
        );
        for (const s of subs)
          await c.subscriptions.update(s.id, { status: 'unsubscribed', unsubscribedAt: now });
        return subs.length === 0
          ? [`${address} has no active subscriptions`]
          : subs.map((s) => `unsubscribed ${address} from ${describe(s)}`);
      });
      for (const l of lines) io.out(l);
    });
}

function printReport(io: CliIo, r: SendReport, dryRun: boolean): void {
  const p = r.plan;
  const verb = dryRun ? 'would record' : 'recorded';
  io.out(
    `${p.considered} active subscriptions · ${p.due} due · ${verb} ${p.recorded} with papers, ${p.empty} with nothing new`,
  );
  if (dryRun) {
    for (const m of r.preview) io.out(`  → ${m.to}: ${m.subject} (${m.papers} papers)`);
    return;
  }
  const parts = [`sent ${r.sent}`, `failed ${r.failed}`, `retrying later ${r.retrying}`];
  if (r.unconfirmed) parts.push(`unconfirmed ${r.unconfirmed}`);
  if (r.disabled) parts.push(`addresses disabled ${r.disabled}`);
  io.out(parts.join(' · '));
}

/**
 * A clock stopped at `instant`: the whole run acts as of that moment (catching up on a missed
 * morning, tests). Stopped rather than running on from it, so that runs repeated with the same
 * --now agree on what is due.
 */
function stoppedClock(instant: string): Clock {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) {
    throw createError(
      'invalid_input',
      `--now must be an ISO instant such as 2026-08-25T07:00:00Z, got "${instant}"`,
    );
  }
  return { now: () => new Date(at) };
}
