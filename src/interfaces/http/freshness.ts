/**
 * Where a reader can tell how fresh the papers are: the configured sources and their last
 * successful harvest (from the job schedule), or that this is the bundled demo corpus with no
 * source connected. Read per request; the page component stays a pure function of it.
 */
import type { Container } from '../../container.ts';
import type { Freshness } from '../web/components/freshness-note.tsx';
import { harvestJobName } from '../worker/jobs/harvest-sources.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'papers' | 'schedules' | 'sources'>;

export async function readFreshness(container: Uses): Promise<Freshness> {
  const sources = container.sources.configured();
  const [latestDay, schedules] = await Promise.all([
    container.papers.latestFeaturedDay(),
    Promise.all(sources.map((s) => container.schedules.get(harvestJobName(s)))),
  ]);
  const successes = schedules
    .map((s) => s?.lastSuccessAt ?? '')
    .filter(Boolean)
    .sort();
  const failing = sources.filter((_, i) => (schedules[i]?.errorCount ?? 0) > 0);
  return {
    sources: sources.map((s) => (s.set ? `${s.name}:${s.set}` : s.name)),
    lastHarvest: successes.at(-1) ?? null,
    failing: failing.map((s) => (s.set ? `${s.name}:${s.set}` : s.name)),
    latestDay,
  };
}
