/**
 * For you: the newest papers ranked for the signed-in reader from their library, each with why;
 * with an empty library, a short onboarding (pick categories, paste ids) above a list ranked by
 * those picks and upvotes — never an empty page.
 */

import type { ForYouPreview } from '../../../core/recs/preview-for-you.ts';
import type { ForYou } from '../../../core/recs/recommend-for-reader.ts';
import { PostForm } from '../components/csrf-field.tsx';
import { DigestSettingsForm, type DigestSettingValues } from '../components/digest-settings.tsx';
import { type CardSocial, PaperCard } from '../components/paper-card.tsx';
import { paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

/** Categories offered at onboarding (any arXiv category can be typed as well). */
export const ONBOARDING_CATEGORIES = [
  ['cs.CL', 'Computation and language'],
  ['cs.CV', 'Computer vision'],
  ['cs.LG', 'Machine learning'],
  ['cs.AI', 'Artificial intelligence'],
  ['cs.RO', 'Robotics'],
  ['cs.IR', 'Information retrieval'],
  ['cs.CR', 'Cryptography and security'],
  ['cs.SE', 'Software engineering'],
  ['stat.ML', 'Statistics: machine learning'],
  ['eess.AS', 'Audio and speech'],
  ['q-bio.QM', 'Quantitative methods (biology)'],
  ['physics.comp-ph', 'Computational physics'],
] as const;

export interface ForYouPageProps {
  result: ForYou;
  days: number;
  social: CardSocial;
  interests: string[];
  /** The reader's private feed (secret URL), without extension. */
  feedBase: string;
  /** "More like this collection": the collection the list learns from instead of the library. */
  collection?: { id: string; name: string } | null;
  /** The digest settings and what a digest would hold at the threshold shown. */
  digest: {
    values: DigestSettingValues;
    /** Yesterday's digest at `values`; null when the keywords do not parse (`error`). */
    preview: ForYouPreview | null;
    error?: string | undefined;
    /** The reader's For-you email subscription, if any. */
    subscribed: { cadence: string } | null;
  };
}

function DigestSettings({ digest, days }: Pick<ForYouPageProps, 'digest' | 'days'>) {
  return (
    <details
      class="digest-settings"
      open={digest.subscribed !== null || digest.error !== undefined}
    >
      <summary>Email and relevance</summary>
      <DigestSettingsForm
        previewAction="/for-you"
        saveAction="/for-you/settings"
        hidden={{ days: String(days) }}
        values={digest.values}
        preview={digest.preview}
        error={digest.error}
      />
      {digest.subscribed ? (
        <p>
          You get this list by email ({digest.subscribed.cadence}).{' '}
          <a href="/account">Manage on your account page</a>.
        </p>
      ) : (
        <PostForm action="/for-you/subscribe" class="inline">
          <label for="cadence">Email me this list</label>{' '}
          <select id="cadence" name="cadence">
            <option value="daily">daily</option>
            <option value="weekly">weekly</option>
          </select>{' '}
          <button type="submit" class="button">
            Subscribe
          </button>
        </PostForm>
      )}
    </details>
  );
}

function Onboarding({ interests }: { interests: string[] }) {
  const picked = new Set(interests);
  return (
    <section class="notice" aria-labelledby="onboarding">
      <h2 id="onboarding">Tell For you what you read</h2>
      <p>
        Your library is empty, so this list is ranked by the categories you pick and by upvotes.
        Pick a few, paste some arXiv ids you liked, or{' '}
        <a href="/account#library">import your Zotero library</a> (BibTeX, RIS or CSL-JSON).
        Upvotes, saved papers and "More like this" teach it too.
      </p>
      <PostForm action="/for-you/interests" class="stack">
        <fieldset>
          <legend>Categories</legend>
          <div class="interest-picks">
            {ONBOARDING_CATEGORIES.map(([code, name]) => (
              <label>
                <input type="checkbox" name="category" value={code} checked={picked.has(code)} />{' '}
                {name} <span class="muted">({code})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label for="onboarding-ids">arXiv ids or links you liked (optional)</label>
        <textarea id="onboarding-ids" name="ids" rows={3} placeholder="2401.01234 2312.00001" />
        <button type="submit" class="button primary">
          Save and rank
        </button>
      </PostForm>
    </section>
  );
}

function Why({
  because,
  relevance,
}: {
  because: { id: string; title: string }[];
  relevance: number | null;
}) {
  if (because.length === 0 && relevance === null) return null;
  return (
    <p class="recs-why">
      {relevance !== null && (
        <>Better than {Math.round(relevance * 100)}% of recent papers for you. </>
      )}
      {because.length > 0 && (
        <>
          Because you saved{' '}
          {because.map((b, i) => (
            <>
              {i > 0 && ' and '}
              <a href={paperPath(b.id)}>{b.title}</a>
            </>
          ))}
          .
        </>
      )}
    </p>
  );
}

export function ForYouPage(props: ForYouPageProps) {
  const { result, days } = props;
  const other = days === 1 ? 7 : 1;
  return (
    <Layout title="For you" description="New papers ranked for you from your library">
      <div class="feed-head">
        <div>
          <h1>{props.collection ? `More like “${props.collection.name}”` : 'For you'}</h1>
          {props.collection && (
            <p class="subtitle">
              Ranked from the papers in{' '}
              <a href={`/collections/${props.collection.id}`}>this collection</a> only ·{' '}
              <a href="/for-you">from your whole library</a>
            </p>
          )}
          <p class="subtitle">
            New papers of the last {days === 1 ? 'day' : 'week'}, ranked from your library ·{' '}
            <a href={`/for-you?days=${other}`}>the last {other === 1 ? 'day' : 'week'}</a> ·{' '}
            <a href="/account#for-you">your library, marks and follows</a>
          </p>
          <p class="subtitle">
            Your private feed:{' '}
            <a href={`${props.feedBase}.rss`} rel="nofollow">
              RSS
            </a>{' '}
            ·{' '}
            <a href={`${props.feedBase}.atom`} rel="nofollow">
              Atom
            </a>{' '}
            ·{' '}
            <a href={`${props.feedBase}.json`} rel="nofollow">
              JSON
            </a>{' '}
            <span class="muted">(the link is a secret: keep it to yourself)</span>
          </p>
        </div>
      </div>
      {result.coldStart && <Onboarding interests={props.interests} />}
      {(!result.coldStart || props.digest.error) && (
        <DigestSettings digest={props.digest} days={days} />
      )}
      {result.items.length === 0 ? (
        <p class="empty">
          No new papers in the last {days === 1 ? 'day' : 'week'} that you have not seen or hidden.{' '}
          <a href={`/for-you?days=${other}`}>Look at the last {other === 1 ? 'day' : 'week'}</a> or
          browse <a href="/">the daily papers</a>.
        </p>
      ) : (
        <ol class="papers" id="for-you-list">
          {result.items.map((item, i) => (
            <PaperCard
              paper={item.paper}
              position={i + 1}
              social={props.social}
              extra={
                <>
                  {item.followedAuthors.length > 0 && (
                    <p class="recs-why">You follow {item.followedAuthors.join(', ')}.</p>
                  )}
                  <Why because={item.because} relevance={item.relevance} />
                </>
              }
            />
          ))}
        </ol>
      )}
    </Layout>
  );
}
