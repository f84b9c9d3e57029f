/**
 * Submitting a paper to today's daily feed, with the rules spelled out.
 */
import type { SubmissionRules } from '../../../core/community/model.ts';
import { PostForm } from '../components/csrf-field.tsx';
import { Layout } from '../layout.tsx';

export function SubmitPage(props: { rules: SubmissionRules; input?: string; error?: string }) {
  return (
    <Layout title="Submit a paper">
      <section class="narrow">
        <h1>Submit a paper</h1>
        <p class="subtitle">
          Paste an arXiv id or link. It joins today's daily feed, where everyone can upvote and
          discuss it.
        </p>
        {props.error && (
          <p class="notice warn" role="alert">
            {props.error}
          </p>
        )}
        <PostForm action="/submit" class="stack">
          <label for="paper">arXiv id or URL</label>
          <input
            id="paper"
            name="paper"
            required
            placeholder="2608.01234 or https://arxiv.org/abs/2608.01234"
            value={props.input ?? ''}
          />
          <button type="submit" class="button primary">
            Submit
          </button>
        </PostForm>
        <h2>Rules</h2>
        <ul>
          <li>The paper first appeared on arXiv at most {props.rules.maxAgeDays} days ago.</li>
          <li>You can submit {props.rules.dailyQuota} papers per day.</li>
          <li>A paper is featured once.</li>
          <li>Moderators can feature and unfeature any paper.</li>
        </ul>
      </section>
    </Layout>
  );
}
