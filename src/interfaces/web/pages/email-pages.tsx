/**
 * Email pages: subscribe (trending digest, a search alert, an author), "check your inbox",
 * confirm (a button, so link scanners that open mail links confirm nothing), unsubscribe (a
 * button; mail clients POST the same URL for one-click), and what happened afterwards.
 */
import { CsrfField } from '../components/csrf-field.tsx';
import { digestHour } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SubscribeValues {
  email: string;
  kind: string;
  cadence: string;
  query: string;
  timeZone: string;
}

export interface EmailPageProps {
  values: SubscribeValues;
  error?: string;
  timeZones: string[];
  /** The hour (0–23, subscriber's zone) digests go out: DIGEST_SEND_HOUR. */
  sendHour: number;
  /** Signed in: a link to manage this account's address, no mail round trip needed. */
  manageUrl?: string;
}

export function EmailPage({ values, error, timeZones, manageUrl, sendHour }: EmailPageProps) {
  const kind = values.kind || 'trending';
  return (
    <Layout
      title="Papers by email"
      description="Trending papers and alerts for your searches, by email."
    >
      <section class="narrow">
        <h1>Papers by email</h1>
        <p class="subtitle">
          The trending papers, new papers for a search, or new papers by an author — every weekday
          morning or every Monday, at {digestHour(sendHour)} in your time zone. We mail a
          confirmation link first; every mail has a one-click unsubscribe.
        </p>
        {error && (
          <p class="notice warn" role="alert">
            {error}
          </p>
        )}
        <form method="post" action="/email/subscribe" class="stack">
          <CsrfField />
          <label for="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value={values.email}
          />
          <fieldset class="choices">
            <legend>What to send</legend>
            {(
              [
                ['trending', 'Trending papers'],
                ['search', 'New papers matching a search'],
                ['author', 'New papers by an author'],
              ] as const
            ).map(([value, label]) => (
              <label class="check">
                <input type="radio" name="kind" value={value} checked={kind === value} /> {label}
              </label>
            ))}
          </fieldset>
          <label for="query">Search or author (for alerts)</label>
          <input
            id="query"
            name="query"
            maxlength={250}
            value={values.query}
            placeholder='e.g. "graph neural networks" cat:cs.LG, or Ada Lovelace'
          />
          <label for="cadence">How often</label>
          <select id="cadence" name="cadence">
            <option value="daily" selected={values.cadence !== 'weekly'}>
              Every weekday (Monday to Friday)
            </option>
            <option value="weekly" selected={values.cadence === 'weekly'}>
              Every Monday
            </option>
          </select>
          <TimeZoneSelect timeZones={timeZones} value={values.timeZone} />
          <button type="submit" class="button primary">
            Subscribe
          </button>
        </form>
        <h2>Already subscribed?</h2>
        {manageUrl ? (
          <p>
            <a href={manageUrl}>Manage the mail your account’s address receives</a>.
          </p>
        ) : (
          <form method="post" action="/email/manage-link" class="row-form">
            <CsrfField />
            <label class="visually-hidden" for="manage-email">
              Email
            </label>
            <input
              id="manage-email"
              name="email"
              type="email"
              required
              autocomplete="email"
              placeholder="you@example.org"
            />
            <button type="submit" class="button">
              Mail me a link to manage them
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** A time zone picker; app.js preselects the browser's zone when none is chosen. */
export function TimeZoneSelect(props: { timeZones: string[]; value: string; id?: string }) {
  const id = props.id ?? 'timeZone';
  return (
    <>
      <label for={id}>Your time zone</label>
      <select id={id} name="timeZone" data-time-zone={props.value ? undefined : ''}>
        {props.timeZones.map((tz) => (
          <option value={tz} selected={tz === props.value}>
            {tz.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </>
  );
}

export function CheckInboxPage({
  address,
  purpose,
}: {
  address: string;
  purpose: 'confirm' | 'manage';
}) {
  return (
    <Layout title="Check your inbox">
      <section class="narrow">
        <h1>Check your inbox</h1>
        <p class="notice" role="status">
          {purpose === 'confirm'
            ? `If ${address} can receive mail, a confirmation link is on its way. Nothing is sent until you follow it.`
            : `If ${address} has subscriptions here, a link to manage them is on its way.`}
        </p>
        <p class="muted">
          Nothing after a few minutes? Look in the spam folder, or try again later.
        </p>
        <p>
          <a href="/">Back to the daily papers</a>
        </p>
      </section>
    </Layout>
  );
}

export function ConfirmPage({
  token,
  description,
  address,
}: {
  token: string;
  description: string;
  address: string;
}) {
  return (
    <Layout title="Confirm your subscription">
      <section class="narrow">
        <h1>Confirm your subscription</h1>
        <p>
          Send {description} to <strong>{address}</strong>?
        </p>
        <form method="post" action={`/email/confirm/${token}`} class="stack">
          <CsrfField />
          <button type="submit" class="button primary">
            Yes, confirm
          </button>
        </form>
        <p class="muted">Not you? Close this page: nothing will be sent.</p>
      </section>
    </Layout>
  );
}

export function ConfirmedPage(props: { description: string; already: boolean; manageUrl: string }) {
  return (
    <Layout title="Subscription confirmed">
      <section class="narrow">
        <h1>{props.already ? 'Already confirmed' : 'You are subscribed'}</h1>
        <p class="notice" role="status">
          You will get {props.description}. The first one comes at the next 7 o’clock in your time
          zone that it is due.
        </p>
        <p>
          <a href={props.manageUrl}>Manage your subscriptions</a> · <a href="/">Daily papers</a>
        </p>
      </section>
    </Layout>
  );
}

export function UnsubscribePage({
  token,
  description,
  address,
}: {
  token: string;
  description: string;
  address: string;
}) {
  return (
    <Layout title="Unsubscribe">
      <section class="narrow">
        <h1>Unsubscribe</h1>
        <p>
          Stop sending {description} to <strong>{address}</strong>?
        </p>
        <form method="post" action={`/email/unsubscribe/${token}`} class="stack">
          <button type="submit" class="button primary">
            Unsubscribe
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function UnsubscribedPage({
  description,
  manageUrl,
}: {
  description: string;
  manageUrl: string;
}) {
  return (
    <Layout title="Unsubscribed">
      <section class="narrow">
        <h1>Unsubscribed</h1>
        <p class="notice" role="status">
          You will not get {description} any more.
        </p>
        <p>
          Changed your mind, or want fewer mails instead?{' '}
          <a href={manageUrl}>Manage your subscriptions</a>.
        </p>
      </section>
    </Layout>
  );
}
