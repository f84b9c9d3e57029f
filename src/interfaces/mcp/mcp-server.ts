/**
 * paperboy as an MCP server (Model Context Protocol, the official SDK): tools to search, read and
 * list papers, and each paper's Markdown as a resource (`paperboy://papers/{id}`). Everything is
 * read-only; a caller with a write token also gets `upvote_paper` and `add_to_collection`.
 * Built per request (stateless): routes/mcp.ts connects it to the Streamable HTTP transport.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { putInCollection } from '../../core/community/collections.ts';
import type { TokenScope, User } from '../../core/community/model.ts';
import { withSocial } from '../../core/community/social.ts';
import { getTrending } from '../../core/community/trending.ts';
import { setVote } from '../../core/community/votes.ts';
import { createError } from '../../core/errors.ts';
import { dayPeriod, monthPeriod, weekPeriod } from '../../core/feed-periods/period.ts';
import { decodeUriOrNull, parseArxivId } from '../../core/papers/arxiv-id.ts';
import type { Paper } from '../../core/papers/model.ts';
import { paperMarkdown } from '../../core/papers/paper-markdown.ts';
import { MAX_QUERY_LENGTH } from '../../core/search/query.ts';
import { searchPapers } from '../../core/search/search-papers.ts';
import { similarPapers } from '../../core/search/similar-papers.ts';
import { type PaperSummary, paperSummary } from './paper-summary.ts';

/** What this file takes from the container. */
type Uses = Pick<Container, 'clock' | 'community' | 'config' | 'papers' | 'search'>;

/** Who calls: nobody (read-only), or a token's owner with its scope. */
export interface McpCaller {
  user: User | null;
  scope: TokenScope | null;
}

const VERSION = '1';
const limit = (fallback: number, max: number) =>
  z.number().int().min(1).max(max).default(fallback).describe(`how many, 1–${max}`);
const paperId = z.string().min(1).max(300).describe('arXiv id or URL, e.g. 2608.19880');
const READ = { readOnlyHint: true, openWorldHint: false } as const;

/** A tool result: the JSON as text (for any client) and as structured content. */
function result(value: Record<string, unknown>) {
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }],
    structuredContent: value,
  };
}

function canonical(raw: string): string {
  const parsed = parseArxivId(raw.trim());
  if (!parsed) throw createError('invalid_arxiv_id', raw.trim().slice(0, 200));
  return parsed.id;
}

export function buildMcpServer(container: Uses, caller: McpCaller): McpServer {
  const server = new McpServer(
    { name: 'paperboy', version: VERSION },
    {
      instructions:
        'Research papers from arXiv with a community layer (daily featured papers, upvotes, trending). Search by keywords and meaning, read a paper, find similar ones; ids are arXiv ids.',
    },
  );
  const { papers, community } = container;
  const baseUrl = container.config.baseUrl;
  const summaries = async (list: Paper[]): Promise<PaperSummary[]> => {
    const social = await withSocial(community, list, caller.user);
    return social.papers.map((p) => paperSummary(p, baseUrl));
  };

  server.registerTool(
    'search_papers',
    {
      title: 'Search papers',
      description:
        'Search papers by keywords and meaning. Supports "phrases", -exclusions, author:, cat:cs.CL, year:2025, from:/to: dates.',
      inputSchema: {
        query: z.string().min(1).max(MAX_QUERY_LENGTH).describe('what to look for'),
        limit: limit(10, 50),
        sort: z.enum(['relevance', 'newest', 'upvotes']).default('relevance'),
      },
      annotations: READ,
    },
    async ({ query, limit: n, sort }) => {
      const found = await searchPapers(container.search, { query, sort, limit: n });
      const list = await summaries(found.hits.map((h) => h.paper));
      return result({ total: found.total, papers: list });
    },
  );

  server.registerTool(
    'get_paper',
    {
      title: 'Get a paper',
      description: 'A paper by arXiv id: title, authors, abstract, dates, upvotes and links.',
      inputSchema: { id: paperId },
      annotations: READ,
    },
    async ({ id }) => {
      const key = canonical(id);
      const paper = await papers.get(key);
      if (!paper) throw createError('paper_not_found', key);
      const [summary] = await summaries([paper]);
      return result({ paper: summary });
    },
  );

  server.registerTool(
    'similar_papers',
    {
      title: 'Similar papers',
      description:
        'Papers most similar to a paper (shared key terms and meaning), most similar first, with the terms they share.',
      inputSchema: { id: paperId, limit: limit(10, 50) },
      annotations: READ,
    },
    async ({ id, limit: n }) => {
      const found = (await similarPapers(container.search, canonical(id), { limit: n })).hits;
      const list = await summaries(found.map((s) => s.paper));
      return result({
        papers: list.map((p, i) => ({
          ...p,
          score: Number((found[i]?.score ?? 0).toFixed(4)),
          sharedTerms: found[i]?.sharedTerms ?? [],
        })),
      });
    },
  );

  server.registerTool(
    'daily_papers',
    {
      title: 'Daily papers',
      description:
        'Papers featured on a day (default: the latest), an ISO week or a month, most upvoted first.',
      inputSchema: {
        date: z.string().max(10).optional().describe('YYYY-MM-DD'),
        week: z.string().max(8).optional().describe('YYYY-Www, e.g. 2026-W34'),
        month: z.string().max(7).optional().describe('YYYY-MM'),
        limit: limit(20, 100),
      },
      annotations: READ,
    },
    async ({ date, week, month, limit: n }) => {
      const latest = (await papers.latestFeaturedDay()) ?? container.clock.now().toISOString();
      const period = date
        ? dayPeriod(date)
        : week
          ? weekPeriod(week)
          : month
            ? monthPeriod(month)
            : dayPeriod(latest.slice(0, 10));
      const page = await papers.listFeatured(period, { limit: n, offset: 0 });
      const list = await summaries(page.items.map((i) => i.paper));
      return result({ period: period.label, total: page.total, papers: list });
    },
  );

  server.registerTool(
    'trending_papers',
    {
      title: 'Trending papers',
      description:
        'Papers trending now: upvotes and discussion with time decay (the formula is in paperboy’s docs).',
      inputSchema: {
        period: z.enum(['day', 'week', 'window']).default('window'),
        limit: limit(20, 100),
      },
      annotations: READ,
    },
    async ({ period, limit: n }) => {
      const list = await getTrending(community, { limit: n, offset: 0, period });
      return result({ asOf: list.asOf, total: list.total, papers: await summaries(list.papers) });
    },
  );

  server.registerResource(
    'paper',
    new ResourceTemplate('paperboy://papers/{id}', {
      list: async () => {
        const day = await papers.latestFeaturedDay();
        if (!day) return { resources: [] };
        const page = await papers.listFeatured(dayPeriod(day), { limit: 50, offset: 0 });
        return {
          resources: page.items.map((i) => ({
            uri: `paperboy://papers/${encodeURIComponent(i.paper.id)}`,
            name: i.paper.title,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    {
      title: 'A paper as Markdown',
      description:
        'Title, authors, links and abstract; old-style ids with the slash encoded (hep-th%2F9901001).',
      mimeType: 'text/markdown',
    },
    async (uri, { id }) => {
      const key = canonical(decodeUriOrNull(String(id)) ?? String(id));
      const paper = await papers.get(key);
      if (!paper) throw createError('paper_not_found', key);
      const page = new URL(`/papers/${paper.id}`, baseUrl).toString();
      return {
        contents: [{ uri: uri.href, mimeType: 'text/markdown', text: paperMarkdown(paper, page) }],
      };
    },
  );

  if (caller.user && caller.scope === 'write') registerWriteTools(server, container, caller.user);
  return server;
}

/** Tools that change things, for a write token's owner only. */
function registerWriteTools(server: McpServer, container: Uses, user: User): void {
  const community = container.community;
  server.registerTool(
    'upvote_paper',
    {
      title: 'Upvote a paper',
      description: 'Upvote a paper as the token’s owner (or take the vote back with upvote=false).',
      inputSchema: { id: paperId, upvote: z.boolean().default(true) },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ id, upvote }) => {
      const key = canonical(id);
      const outcome = await setVote(community, user, key, upvote);
      return result({ paperId: key, ...outcome });
    },
  );
  server.registerTool(
    'add_to_collection',
    {
      title: 'Add a paper to a collection',
      description:
        'Add a paper (fetched from arXiv when new) to one of the token owner’s collections, with a note.',
      inputSchema: {
        collection: z.string().min(1).max(40).describe('collection id (see /api/v1/collections)'),
        id: paperId,
        note: z.string().max(2000).default(''),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ collection, id, note }) => {
      const paper = await putInCollection(community, user, collection, id, note);
      return result({ collection, paperId: paper.id, title: paper.title, note });
    },
  );
}
