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
import { SimilarList } from '../components/similar-list.tsx';
import { VoteButton } from '../components/vote-button.tsx';
import { formatDay } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface PaperPageProps {
  paper: Paper;
  /** Whether the viewer upvoted it. */
  voted?: boolean;
  /** Who submitted it on this instance. */
  submitter?: UserRef;
  /** Its most similar papers, when there are any. */
  similar?: SimilarPaper[];
  /** Sections after the paper (your tools, discussion). */
  children?: Child;
}

/** Renders one paper, with its most similar papers when there are any. */
export function PaperPage({ paper, voted, submitter, similar = [], children }: PaperPageProps) {
  const c = paper.community;
  return (
    <Layout title={paper.title} description={c.aiSummary ?? paper.abstract.slice(0, 200)}>
      <article class="paper" data-paper-id={paper.id}>
        <p class="subtitle">
          arXiv:{paper.id}
          {paper.version ? `v${paper.version}` : ''}
          {paper.categories[0] && <> · {paper.categories.join(', ')}</>}
        </p>
        <h1>{paper.title}</h1>
        <p class="authors">
          {paper.authors.map((name, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/authors/${encodeURIComponent(name)}`}>{name}</a>
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
            <strong>AI summary:</strong> {c.aiSummary}
          </p>
        )}
        <h2 class="visually-hidden">Abstract</h2>
        <p class="abstract">{paper.abstract || 'No abstract available.'}</p>
        <Facts paper={paper} submitter={submitter} />
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

function Facts({ paper, submitter }: { paper: Paper; submitter?: UserRef }) {
  const c = paper.community;
  const rows: [string, unknown][] = [
    ['Submitted', paper.submittedAt && formatDay(paper.submittedAt)],
    ['Updated', paper.updatedAt && formatDay(paper.updatedAt)],
    ['Categories', paper.categories.length > 0 && paper.categories.join(' · ')],
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
      submitter ? <a href={`/users/${submitter.handle}`}>@{submitter.handle}</a> : c.submittedBy,
    ],
    ['Organization', c.organization],
    ['Comments', `${c.commentCount}`],
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
