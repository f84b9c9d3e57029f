/**
 * The metrics port: what the edges count (requests per route, job runs, mails) and how the
 * counts are read (`/metrics`, Prometheus text). One per process; queue lengths are read from
 * the store when scraped.
 */

export interface Metrics {
  /** One answered HTTP request: `route` is the matched pattern (`/papers/:id`), never the URL. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** One run of a background job. */
  jobRun(job: string, outcome: 'ok' | 'failed'): void;
  /** One mail handed to the mail server, or refused by it. */
  mail(outcome: 'sent' | 'failed'): void;
  /** The exposition: content type and body. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Metrics that count nothing (CLI commands, tests that do not look). */
export const noMetrics: Metrics = {
  request() {},
  jobRun() {},
  mail() {},
  render: async () => ({ contentType: 'text/plain', body: '' }),
};
