/**
 * Managing an address's subscriptions through the signed link every mail carries (no account
 * needed): how often, unsubscribe or subscribe again, the time zone, new alerts, or everything off.
 */

import { describe } from '../../../core/digests/describe-subscription.ts';
import type { EmailAddress, Subscription } from '../../../core/digests/model.ts';
import { CsrfField } from '../components/csrf-field.tsx';
import { Layout } from '../layout.tsx';
import { TimeZoneSelect } from './email-pages.tsx';

export interface ManagePageProps {
  token: string;
  address: EmailAddress;
  subscriptions: Subscription[];
  timeZones: string[];
  message?: string;
}

export function ManagePage(props: ManagePageProps) {
  const { token, address, subscriptions } = props;
  const action = `/email/manage/${token}`;
  const active = subscriptions.filter((s) => s.status !== 'unsubscribed');
  const timeZone = subscriptions[0]?.timeZone ?? '';
  return (
    <Layout title="Your subscriptions">
      <section class="narrow">
        <h1>Your subscriptions</h1>
        <p class="subtitle">
          Mail paperboy sends to <strong>{address.address}</strong>.
        </p>
        {props.message && (
          <p class="notice" role="status">
            {props.message}
          </p>
        )}
        {address.disabledAt && (
          <p class="notice warn" role="alert">
            Mail to this address was refused several times (
            {address.lastBounce ?? 'no reason given'}
            ), so sending stopped. Subscribing again below starts it again.
          </p>
        )}
        {subscriptions.length === 0 ? (
          <p class="empty">No subscriptions yet.</p>
        ) : (
          <ul class="subscriptions">
            {subscriptions.map((s) => (
              <li class="card-lite">
                <p>
                  <strong>{capitalize(describe(s))}</strong>{' '}
                  <span class="chip">
                    {s.status === 'pending' ? 'waiting for confirmation' : s.status}
                  </span>
                </p>
                {(s.kind === 'search' || s.kind === 'author') && (
                  <p>
                    <a href={`${action}/alert/${s.id}`}>Relevance and keywords</a>
                    {(s.includeTerms || s.excludeTerms) && (
                      <span class="muted">
                        {' '}
                        · {s.includeTerms && `only “${s.includeTerms}”`}
                        {s.includeTerms && s.excludeTerms && ', '}
                        {s.excludeTerms && `not “${s.excludeTerms}”`}
                      </span>
                    )}
                  </p>
                )}
                <form method="post" action={action} class="row-form">
                  <CsrfField />
                  <input type="hidden" name="subscriptionId" value={s.id} />
                  {s.status === 'unsubscribed' ? (
                    <button type="submit" name="action" value="resubscribe" class="button">
                      Subscribe again
                    </button>
                  ) : (
                    <>
                      <label class="visually-hidden" for={`cadence-${s.id}`}>
                        How often
                      </label>
                      <select id={`cadence-${s.id}`} name="cadence">
                        <option value="daily" selected={s.cadence === 'daily'}>
                          Every weekday
                        </option>
                        <option value="weekly" selected={s.cadence === 'weekly'}>
                          Every Monday
                        </option>
                      </select>
                      <button type="submit" name="action" value="cadence" class="button">
                        Save
                      </button>
                      <button type="submit" name="action" value="unsubscribe" class="button">
                        Unsubscribe
                      </button>
                    </>
                  )}
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2>Add an alert</h2>
        <form method="post" action={action} class="stack">
          <CsrfField />
          <input type="hidden" name="action" value="add" />
          <label for="add-kind">What</label>
          <select id="add-kind" name="kind">
            <option value="search">New papers matching a search</option>
            <option value="author">New papers by an author</option>
            <option value="trending">Trending papers</option>
          </select>
          <label for="add-query">Search or author</label>
          <input id="add-query" name="query" maxlength={250} />
          <label for="add-cadence">How often</label>
          <select id="add-cadence" name="cadence">
            <option value="daily">Every weekday</option>
            <option value="weekly">Every Monday</option>
          </select>
          <button type="submit" class="button primary">
            Add
          </button>
        </form>
        {subscriptions.length > 0 && (
          <>
            <h2>Time zone</h2>
            <form method="post" action={action} class="stack">
              <CsrfField />
              <input type="hidden" name="action" value="time_zone" />
              <TimeZoneSelect timeZones={props.timeZones} value={timeZone} id="manage-tz" />
              <button type="submit" class="button">
                Save time zone
              </button>
            </form>
          </>
        )}
        {active.length > 0 && (
          <form method="post" action={action} class="stack">
            <CsrfField />
            <button type="submit" name="action" value="unsubscribe_all" class="button">
              Unsubscribe from everything
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
