/**
 * "Get these papers by email": a compact subscribe form for the daily and trending pages (the
 * trending digest) and for search results (an alert on that search). Subscribing mails a
 * confirmation link first (double opt-in); the subscriber's time zone is filled in by app.js.
 */
import { PostForm } from './csrf-field.tsx';

export interface SubscribeBoxProps {
  kind: 'trending' | 'search';
  /** search: the saved search as the /search query string. */
  query?: string;
  heading: string;
  blurb: string;
  /** Pre-filled address (the signed-in reader's). */
  email?: string;
}

export function SubscribeBox(props: SubscribeBoxProps) {
  const id = `subscribe-${props.kind}`;
  return (
    <section class="subscribe-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.heading}</h2>
      <p class="muted">{props.blurb}</p>
      <PostForm action="/email/subscribe" class="row-form">
        <input type="hidden" name="kind" value={props.kind} />
        {props.query !== undefined && <input type="hidden" name="query" value={props.query} />}
        <input type="hidden" name="timeZone" value="" data-time-zone />
        <label class="visually-hidden" for={`${id}-email`}>
          Email address
        </label>
        <input
          id={`${id}-email`}
          type="email"
          name="email"
          required
          autocomplete="email"
          placeholder="you@example.org"
          value={props.email ?? ''}
        />
        <label class="visually-hidden" for={`${id}-cadence`}>
          How often
        </label>
        <select id={`${id}-cadence`} name="cadence">
          <option value="daily">Every weekday</option>
          <option value="weekly">Every Monday</option>
        </select>
        <button type="submit" class="button primary">
          Subscribe
        </button>
      </PostForm>
    </section>
  );
}
