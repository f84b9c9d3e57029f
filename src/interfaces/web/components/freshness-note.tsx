/**
 * One line under a list's heading saying how fresh it is: when papers last arrived and from
 * where, or — on an instance with no source connected, such as the demo — that nothing new will
 * arrive, with the command that connects one.
 */
import { formatDay } from '../format.ts';

export interface Freshness {
  /** Configured sources (`hf`, `arxiv:cs`), empty when none is connected. */
  sources: string[];
  /** The last successful harvest of any of them (ISO instant), null when none ran yet. */
  lastHarvest: string | null;
  /** Sources whose last harvest failed. */
  failing: string[];
  /** The newest featured day in the store. */
  latestDay: string | null;
}

const at = (iso: string) => `${formatDay(iso)}, ${iso.slice(11, 16)} UTC`;

export function FreshnessNote({ freshness: f }: { freshness: Freshness }) {
  const newest = f.latestDay
    ? `newest featured day ${formatDay(f.latestDay)}`
    : 'none featured yet';
  if (f.sources.length === 0) {
    return (
      <p class="freshness" role="note">
        No source is connected, so nothing new arrives here ({newest}). To fetch daily papers, run{' '}
        <code>PAPERBOY_SOURCES=hf npm start</code> (or <code>npx paperboy ingest hf</code> once).
      </p>
    );
  }
  return (
    <p class="freshness" role="note">
      {f.lastHarvest
        ? `Papers last arrived ${at(f.lastHarvest)} from ${f.sources.join(', ')}`
        : `Waiting for the first harvest from ${f.sources.join(', ')}`}{' '}
      · {newest}
      {f.failing.length > 0 && ` · the last harvest of ${f.failing.join(', ')} failed`}.
    </p>
  );
}
