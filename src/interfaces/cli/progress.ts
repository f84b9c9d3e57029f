/**
 * Progress output for long CLI work: a bar with rate and ETA on a terminal, a log line every few
 * seconds otherwise (CI logs, systemd, pipes).
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../../core/logger.ts';
import type { Progress, ProgressFactory } from '../../core/progress.ts';

const LOG_EVERY_MS = 5000;

/** A progress factory that picks a bar on a TTY and log lines otherwise. */
export function createProgressFactory(
  log: Logger,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressFactory {
  return (label, total) =>
    stream.isTTY ? barProgress(label, total, stream) : logProgress(log, label, total);
}

function barProgress(
  label: string,
  total: number | undefined,
  stream: NodeJS.WriteStream,
): Progress {
  const known = total !== undefined && total > 0;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: known
        ? `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`
        : `${label} {value} done | {rate}/s`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let done = 0;
  bar.start(known ? total : 0, 0, { rate: 0 });
  return {
    advance(n, newTotal) {
      done += n;
      if (newTotal !== undefined) bar.setTotal(newTotal);
      const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
      bar.update(done, { rate });
    },
    done(summary) {
      bar.stop();
      if (summary) stream.write(`${label}: ${summary}\n`);
    },
  };
}

function logProgress(log: Logger, label: string, total: number | undefined): Progress {
  const started = Date.now();
  let last = started;
  let done = 0;
  let expected = total;
  const fields = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(0.001, seconds);
    const eta = expected && rate > 0 ? Math.round((expected - done) / rate) : undefined;
    return { task: label, done, total: expected, per_s: Math.round(rate), eta_s: eta };
  };
  log.info('progress started', { task: label, total });
  return {
    advance(n, newTotal) {
      done += n;
      if (newTotal !== undefined) expected = newTotal;
      if (Date.now() - last >= LOG_EVERY_MS) {
        last = Date.now();
        log.info('progress', fields());
      }
    },
    done(summary) {
      log.info('progress finished', {
        ...fields(),
        summary,
        seconds: (Date.now() - started) / 1000,
      });
    },
  };
}
