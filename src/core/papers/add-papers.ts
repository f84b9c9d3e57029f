/**
 * Adding papers by id or URL (`paperboy add`, and submissions of papers not in the store yet):
 * look them up at the source, merge them into the store, and say which inputs were not papers.
 */
import { parseArxivId } from './arxiv-id.ts';
import type { Paper } from './model.ts';
import type { PaperFetcher, PaperRepo, UpsertOutcome } from './ports.ts';

export interface AddPapersInput {
  /** Ids or arxiv.org URLs, as people paste them. */
  inputs: string[];
  fetcher: PaperFetcher;
  repo: PaperRepo;
  /**
   * Stores the fetched papers (default `repo.upsertMany`); ingestion passes one that also queues
   * changed papers for embedding in the same transaction.
   */
  commit?: (papers: Paper[]) => Promise<UpsertOutcome>;
}

export interface AddPapersReport {
  /** The papers as stored after the merge, in input order. */
  papers: Paper[];
  outcome: UpsertOutcome;
  /** Inputs that are not arXiv ids at all. */
  invalid: string[];
  /** Canonical ids the source does not know. */
  missing: string[];
}

/** Fetches and stores the papers; unknown and invalid inputs are reported, not thrown. */
export async function addPapers(input: AddPapersInput): Promise<AddPapersReport> {
  const invalid: string[] = [];
  const ids: string[] = [];
  for (const raw of input.inputs) {
    const parsed = parseArxivId(raw);
    if (!parsed) invalid.push(raw);
    else if (!ids.includes(parsed.id)) ids.push(parsed.id);
  }
  const fetched = ids.length > 0 ? await input.fetcher.fetchByIds(ids) : [];
  const found = new Set(fetched.map((p) => p.id));
  const outcome = await (input.commit ?? ((p) => input.repo.upsertMany(p)))(fetched);
  return {
    papers: await input.repo.getMany(fetched.map((p) => p.id)),
    outcome,
    invalid,
    missing: ids.filter((id) => !found.has(id)),
  };
}
