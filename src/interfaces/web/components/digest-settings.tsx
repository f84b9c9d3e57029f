/**
 * The relevance threshold ("fewer, more relevant" ↔ "more") and include/exclude keywords of a
 * digest, with a preview of what yesterday's digest would have held at the values shown: one
 * component for saved-search alerts (the manage page) and For you. Preview is a GET of the same
 * page (nothing saved); Save posts the values previewed.
 */
import type { Paper } from '../../../core/papers/model.ts';
import { paperPath } from '../format.ts';
import { PostForm } from './csrf-field.tsx';

export interface DigestSettingValues {
  threshold: number;
  includeTerms: string;
  excludeTerms: string;
}

export interface DigestSettingsProps {
  /** Where Preview goes (GET, with threshold, include and exclude). */
  previewAction: string;
  /** Where Save posts (threshold, include, exclude). */
  saveAction: string;
  /** Extra fields both forms carry (e.g. days). */
  hidden?: Record<string, string>;
  values: DigestSettingValues;
  /** What yesterday's digest would have held at `values`; null when it cannot be shown. */
  preview: { papers: { paper: Paper; score: number }[] } | null;
  /** Why the values shown cannot be used (a keyword expression that does not parse). */
  error?: string | undefined;
  saveLabel?: string;
}

const KEYWORD_HELP =
  'Search syntax: words (all must appear), "quoted phrases", OR, NOT or -word, parentheses, author: and cat:.';

export function DigestSettingsForm(props: DigestSettingsProps) {
  const { values, preview } = props;
  const percent = Math.round(values.threshold * 100);
  const count = preview?.papers.length ?? 0;
  const hidden = Object.entries(props.hidden ?? {}).map(([name, value]) => (
    <input type="hidden" name={name} value={value} />
  ));
  return (
    <div class="digest-setting">
      <form method="get" action={props.previewAction} class="stack" id="threshold-preview">
        {hidden}
        <label for="threshold">Relevance threshold: {percent}% (fewer, more relevant ↔ more)</label>
        <input
          id="threshold"
          type="range"
          name="threshold"
          min="0"
          max="1"
          step="0.05"
          value={String(values.threshold)}
        />
        <label for="include">Only papers matching</label>
        <input
          id="include"
          name="include"
          maxlength={500}
          value={values.includeTerms}
          aria-describedby="keyword-help"
        />
        <label for="exclude">Leave out papers matching</label>
        <input
          id="exclude"
          name="exclude"
          maxlength={500}
          value={values.excludeTerms}
          aria-describedby="keyword-help"
        />
        <p class="muted" id="keyword-help">
          {KEYWORD_HELP} Example: <code>(graph OR molecule) NOT survey</code>
        </p>
        {props.error ? (
          <p class="notice warn" role="alert" id="threshold-error">
            {props.error}
          </p>
        ) : (
          <p class="muted" role="status" id="threshold-count">
            At {percent}%, {count} paper{count === 1 ? '' : 's'} would have been mailed yesterday.
          </p>
        )}
        <button type="submit" class="button">
          Preview
        </button>
      </form>
      {preview && preview.papers.length > 0 && (
        <ol class="digest-preview" id="digest-preview">
          {preview.papers.map(({ paper, score }) => (
            <li data-paper-id={paper.id}>
              <a href={paperPath(paper.id)}>{paper.title}</a>{' '}
              <span class="muted">({Math.round(score * 100)}%)</span>
            </li>
          ))}
        </ol>
      )}
      {!props.error && (
        <PostForm action={props.saveAction} class="inline">
          {hidden}
          <input type="hidden" name="threshold" value={String(values.threshold)} />
          <input type="hidden" name="include" value={values.includeTerms} />
          <input type="hidden" name="exclude" value={values.excludeTerms} />
          <button type="submit" class="button primary">
            {props.saveLabel ?? 'Save threshold and words'}
          </button>
        </PostForm>
      )}
    </div>
  );
}
