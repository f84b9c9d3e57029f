/**
 * A paper as Markdown — what `GET /papers/{id}.md` answers (Hugging Face's `read_paper`): title,
 * authors, dates, links, abstract, and the AI summary and keywords when paperboy has them.
 * Pure, so the exact text is tested.
 */
import { arxivAbsUrl, arxivPdfUrl } from './arxiv-id.ts';
import type { Paper } from './model.ts';

/** The Markdown of `paper`; `pageUrl` is its page on this instance. */
export function paperMarkdown(paper: Paper, pageUrl: string): string {
  const c = paper.community;
  const hidden = new Set(c.listing?.authors.filter((a) => a.hidden).map((a) => a.name) ?? []);
  const authors = paper.authors.filter((a) => !hidden.has(a));
  const links = [
    `[arXiv](${arxivAbsUrl(paper.id, paper.version)})`,
    `[PDF](${arxivPdfUrl(paper.id, paper.version)})`,
    ...(paper.links.code ? [`[Code](${paper.links.code})`] : []),
    ...(paper.links.project ? [`[Project page](${paper.links.project})`] : []),
    `[paperboy](${pageUrl})`,
  ];
  const facts = [
    authors.length > 0 ? `**Authors:** ${authors.join(', ')}` : null,
    paper.submittedAt ? `**Published:** ${paper.submittedAt.slice(0, 10)}` : null,
    `**arXiv:** ${paper.id}${paper.version ? `v${paper.version}` : ''}`,
    paper.categories.length > 0 ? `**Categories:** ${paper.categories.join(', ')}` : null,
    paper.doi ? `**DOI:** ${paper.doi}` : null,
    paper.journalRef ? `**Journal reference:** ${paper.journalRef}` : null,
    `**Links:** ${links.join(' · ')}`,
  ].filter((line): line is string => line !== null);
  const sections = [
    `# ${oneLine(paper.title)}`,
    facts.join('  \n'),
    `## Abstract\n\n${paper.abstract.trim()}`,
  ];
  if (c.aiSummary) sections.push(`## AI summary\n\n${c.aiSummary.trim()}`);
  if (c.aiKeywords.length > 0) sections.push(`**Keywords:** ${c.aiKeywords.join(', ')}`);
  return `${sections.join('\n\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
