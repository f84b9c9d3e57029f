/**
 * A paper's page: title, authors, AI summary, abstract, links (arXiv, PDF, code, project), facts.
 */
import type { Child } from 'hono/jsx';
import type { UserRef } from '../../../core/community/model.ts';
import { arxivAbsUrl, arxivPdfUrl } from '../../../core/papers/arxiv-id.ts';
import type { Paper } from '../../../core/papers/model.ts';
import { webLink } from '../../../core/papers/web-link.ts';
import type { SimilarPaper } from '../../../core/search/similar-papers.ts';
import { CiteLinks } from '../components/cite-links.tsx';
import { commentSplit, originalDiscussionUrl } from '../components/comment-counts.tsx';
import { RichText } from '../components/rich-text.tsx';
import { SimilarList } from '../components/similar-list.tsx';
import { VoteButton } from '../components/vote-button.tsx';
import { authorPath, formatDay } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface PaperPageProps {
  paper: Paper;
  /** Whether the viewer upvoted it. */
  voted?: boolean;
  /** Who submitted it on this instance. */
  submitter?: UserRef;
  /** Comments posted here (the discussion below); the rest of the count was imported. */
  here?: number;
  /** Its most similar papers, when there are any. */
  similar?: SimilarPaper[];
  /** Sections after the paper (your tools, discussion). */
  children?: Child;
}

/** Renders one paper, with its most similar papers when there are any. */
export function PaperPage(props: PaperPageProps) {
  const { paper, voted, submitter, similar = [], children } = props;
  const c = paper.community;
  return (
    <Layout title={paper.title} description={c.aiSummary ?? paper.abstract.slice(0, 200)}>
      <article class="paper" data-paper-id={paper.id}>
        <p class="subtitle">
          arXiv:{paper.id}
          {paper.version ? `v${paper.version}` : ''}
          {paper.categories[0] && <> · {paper.categories.join(', ')}</>}
        </p>
        <h1>
          <RichText text={paper.title} />
        </h1>
        <p class="authors">
          {paper.authors.map((name, i) => (
            <>
              {i > 0 && ', '}
              <a href={authorPath(name)}>{name}</a>
            </>
          ))}
        </p>
        <div class="actions">
          <VoteButton
            paperId={paper.id}
            upvotes={c.upvotes}
            voted={voted ?? false}
            variant="wide"
          />
          <a class="button primary" href={arxivAbsUrl(paper.id, paper.version)}>
            arXiv page
          </a>
          <a class="button" href={arxivPdfUrl(paper.id, paper.version)}>
            PDF
          </a>
          {webLink(paper.links.code) && (
            <a class="button" href={webLink(paper.links.code) ?? undefined} rel="noopener nofollow">
              Code{c.githubStars !== null ? ` ★ ${c.githubStars}` : ''}
            </a>
          )}
          {webLink(paper.links.project) && (
            <a
              class="button"
              href={webLink(paper.links.project) ?? undefined}
              rel="noopener nofollow"
            >
              Project page
            </a>
          )}
        </div>
        {c.aiSummary && (
          <p class="tldr">
            <strong>AI summary:</strong> <RichText text={c.aiSummary} links />
          </p>
        )}
        <h2 class="visually-hidden">Abstract</h2>
        <p class="abstract">
          {paper.abstract ? <RichText text={paper.abstract} links /> : 'No abstract available.'}
        </p>
        <Facts paper={paper} submitter={submitter} here={props.here ?? 0} />
        <CiteLinks params={{ paper: paper.id }} />
        {similar.length > 0 && (
          <section class="similar" aria-labelledby="similar-heading">
            <h2 id="similar-heading">Similar papers</h2>
            <SimilarList similar={similar} />
            <p>
              <a href={`/papers/${paper.id}/similar`}>More similar papers →</a>
            </p>
          </section>
        )}
      </article>
      {children}
    </Layout>
  );
}

function Facts(props: { paper: Paper; submitter?: UserRef | undefined; here: number }) {
  const { paper, submitter } = props;
  const c = paper.community;
  const comments = commentSplit(paper, props.here);
  const rows: [string, unknown][] = [
    ['Submitted', paper.submittedAt && formatDay(paper.submittedAt)],
    ['Updated', paper.updatedAt && formatDay(paper.updatedAt)],
    [
      'Categories',
      paper.categories.length > 0 &&
        paper.categories.map((cat, i) => (
          <>
            {i > 0 && ' · '}
            <a href={`/search?cat=${encodeURIComponent(cat)}`}>{cat}</a>
          </>
        )),
    ],
    [
      'Featured',
      c.featuredDays.length > 0 &&
        c.featuredDays.map((d, i) => (
          <>
            {i > 0 && ', '}
            <a href={`/papers/date/${d.day}`}>{formatDay(d.day)}</a>
          </>
        )),
    ],
    [
      'Submitted by',
      submitter ? (
        <a href={`/users/${submitter.handle}`}>@{submitter.handle}</a>
      ) : (
        c.submittedBy && (
          <>
            <a href={`https://huggingface.co/${encodeURIComponent(c.submittedBy)}`} rel="noopener">
              {c.submittedBy}
            </a>{' '}
            on Hugging Face
          </>
        )
      ),
    ],
    ['Organization', c.organization],
    [
      'Comments',
      <>
        <a href="#discussion">
          {comments.here} comment{comments.here === 1 ? '' : 's'} here
        </a>
        {comments.imported > 0 && (
          <>
            {' · '}
            <a href={originalDiscussionUrl(paper.id)} rel="noopener">
              {comments.imported} on Hugging Face
            </a>
          </>
        )}
      </>,
    ],
    ['Journal', paper.journalRef],
    ['DOI', paper.doi && <a href={`https://doi.org/${paper.doi}`}>{paper.doi}</a>],
    ['Author comments', paper.comments],
    [
      'Keywords',
      c.aiKeywords.length > 0 && (
        <ul class="keywords">
          {c.aiKeywords.map((k) => (
            <li class="chip">{k}</li>
          ))}
        </ul>
      ),
    ],
  ];
  return (
    <dl class="facts">
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== false && v !== '')
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
    </dl>
  );
}
