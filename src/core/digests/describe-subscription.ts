/**
 * A subscription in words, for pages and mails ("the daily trending digest").
 */
import type { Subscription } from './model.ts';
import { searchText } from './saved-search.ts';

/** "the daily trending digest", "a weekly alert for “graph neural networks”", … */
export function describe(s: Pick<Subscription, 'kind' | 'cadence' | 'query'>): string {
  if (s.kind === 'trending') return `the ${s.cadence} trending digest`;
  if (s.kind === 'search') return `the ${s.cadence} alert for “${searchText(s.query)}”`;
  if (s.kind === 'for-you') return `your ${s.cadence} For you digest`;
  return `the ${s.cadence} alert for papers by ${s.query}`;
}

/**
 * Like describe, without the query: mails answering an unconfirmed request never quote text the
 * requester chose, so the form cannot make this instance carry someone's message (the confirm
 * page, behind the link, shows the whole subscription).
 */
export function describeWithoutText(s: Pick<Subscription, 'kind' | 'cadence'>): string {
  if (s.kind === 'trending') return `the ${s.cadence} trending digest`;
  if (s.kind === 'for-you') return `a ${s.cadence} For you digest`;
  return `a ${s.cadence} ${s.kind === 'search' ? 'search' : 'author'} alert`;
}
