/**
 * The Metrics port over prom-client (Prometheus' maintained Node client): request rate and
 * latency per route, job runs and failures, mails sent and failed, queue lengths read on each
 * scrape, plus the process's own (CPU, memory, event-loop lag). A registry per container, so
 * several containers in one process (tests) do not collide.
 */
import client from 'prom-client';
import type { Mailer } from '../../core/mail/ports.ts';
import type { Metrics } from '../../core/ops/metrics.ts';

/** Queue name → how to read its length now. */
export type QueueGauges = Record<string, () => Promise<number>>;

/** Latency buckets, seconds: the targets are p99 ≤ 50 ms (health) and ≤ 250 ms (pages). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createPromMetrics(queues: QueueGauges): Metrics {
  const register = new client.Registry();
  client.collectDefaultMetrics({ register, prefix: 'paperboy_' });
  const requests = new client.Counter({
    name: 'paperboy_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [register],
  });
  const latency = new client.Histogram({
    name: 'paperboy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: BUCKETS,
    registers: [register],
  });
  const jobs = new client.Counter({
    name: 'paperboy_job_runs_total',
    help: 'Background job runs, by job and outcome (ok, failed)',
    labelNames: ['job', 'outcome'],
    registers: [register],
  });
  const mails = new client.Counter({
    name: 'paperboy_mails_total',
    help: 'Mails handed to the mail server (sent) or refused or undelivered (failed)',
    labelNames: ['outcome'],
    registers: [register],
  });
  new client.Gauge({
    name: 'paperboy_queue_length',
    help: 'Items waiting in a work queue, read from the store at scrape time',
    labelNames: ['queue'],
    registers: [register],
    async collect() {
      for (const [queue, read] of Object.entries(queues)) this.set({ queue }, await read());
    },
  });
  return {
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    jobRun: (job, outcome) => jobs.inc({ job, outcome }),
    mail: (outcome) => mails.inc({ outcome }),
    render: async () => ({ contentType: register.contentType, body: await register.metrics() }),
  };
}

/** A Mailer that counts what it sends and what fails. */
export function meteredMailer(mailer: Mailer, metrics: Metrics): Mailer {
  return {
    async send(message, options) {
      try {
        const sent = await mailer.send(message, options);
        metrics.mail('sent');
        return sent;
      } catch (error) {
        metrics.mail('failed');
        throw error;
      }
    },
    close: () => mailer.close(),
  };
}
