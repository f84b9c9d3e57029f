/**
 * The ~62k real papers in ../shared/data (arxiver-48k + daily-arxiv-digest-cs + Hugging Face
 * papers) converted to the Kaggle arXiv snapshot line format, for the import benchmarks
 * (bench:ingest, bench:store).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

type Kaggle = Record<string, unknown>;

async function* lines(path: string): AsyncGenerator<Record<string, unknown>> {
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()) });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

/** RFC 2822 date as in the snapshot's versions[].created. */
const rfc = (iso: string) => new Date(iso).toUTCString();

function fromArxiver(r: Record<string, unknown>): Kaggle {
  const link = String(r.link);
  const match = /abs\/(.+?)v(\d+)$/.exec(link);
  const id = match?.[1] ?? link.split('/abs/')[1];
  const v = match?.[2] ?? '1';
  const primary = String(r.primary_category ?? '');
  const cats = [primary, ...((r.categories as string[]) ?? []).filter((c) => c !== primary)];
  const created = rfc(`${String(r.published).replace(' ', 'T')}Z`);
  const n = Number(v);
  return {
    id,
    authors: '',
    title: r.title,
    abstract: r.abstract,
    categories: cats.filter(Boolean).join(' '),
    versions: Array.from({ length: n }, (_, i) => ({ version: `v${i + 1}`, created })),
    authors_parsed: [],
  };
}

function fromDigest(r: Record<string, unknown>): Kaggle {
  const authors = (r.authors as string[]) ?? [];
  return {
    id: r.id,
    authors: authors.join(', '),
    title: r.title,
    abstract: r.summary,
    comments: r.comment ?? null,
    categories: ((r.categories as string[]) ?? []).join(' '),
    versions: [],
    authors_parsed: authors.map((a) => {
      const parts = a.split(' ');
      return [parts.at(-1) ?? '', parts.slice(0, -1).join(' '), ''];
    }),
  };
}

function fromHf(r: Record<string, unknown>): Kaggle {
  const authors = (r.authors as string[]) ?? [];
  return {
    id: r.arxiv_id,
    authors: authors.join(', '),
    title: r.title,
    abstract: r.abstract,
    categories: '',
    versions: r.published_at ? [{ version: 'v1', created: rfc(String(r.published_at)) }] : [],
    authors_parsed: [],
  };
}

/**
 * Writes the ~62k shared papers of `data` (../shared/data) to `file` as Kaggle snapshot lines;
 * `limit` stops after that many records.
 */
export async function convertSharedData(
  data: string,
  file: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<{ lines: number; ids: number }> {
  const inputs = {
    arxiver: join(data, 'arxiver-48k/arxiver_records.jsonl.gz'),
    digest: join(data, 'daily-arxiv-digest-cs/listing_records_2025-04-24_2025-09-18.jsonl.gz'),
    hf: join(data, 'hf-daily-papers/papers.normalized.jsonl.gz'),
  };
  for (const path of Object.values(inputs)) {
    if (!existsSync(path)) throw new Error(`missing ${path}; pass --data <dir of shared data>`);
  }
  const out = createWriteStream(file);
  const ids = new Set<string>();
  let n = 0;
  const write = async (k: Kaggle) => {
    if (n >= limit) return;
    ids.add(String(k.id));
    n++;
    if (!out.write(`${JSON.stringify(k)}\n`)) await once(out, 'drain');
  };
  for await (const r of lines(inputs.arxiver)) await write(fromArxiver(r));
  for await (const r of lines(inputs.digest)) await write(fromDigest(r));
  for await (const r of lines(inputs.hf)) await write(fromHf(r));
  out.end();
  await once(out, 'finish');
  return { lines: n, ids: ids.size };
}
