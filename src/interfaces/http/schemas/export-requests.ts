/**
 * The export request: which papers (one paper, a collection, a search, or a feed day, week or
 * month) in which citation format. Validates /api/v1/export and documents it in /openapi.json.
 */
import { z } from 'zod';
import { MAX_QUERY_LENGTH, SEARCH_SORTS } from '../../../core/search/query.ts';
import { ArxivId, Day, IsoWeek, limit, Month } from './common.ts';

const text = (description: string) => z.string().max(200).optional().meta({ description });
const SOURCES = ['paper', 'collection', 'q', 'date', 'week', 'month'] as const;

export const ExportQuery = z
  .object({
    format: z
      .enum(['bibtex', 'ris', 'csl-json'])
      .default('bibtex')
      .meta({ description: 'BibTeX (.bib), RIS (.ris) or CSL-JSON (.json)' }),
    paper: ArxivId.optional().meta({ description: 'one paper' }),
    collection: z.string().max(40).optional().meta({ description: 'a collection id' }),
    q: z
      .string()
      .max(MAX_QUERY_LENGTH)
      .optional()
      .meta({ description: 'a search (with cat, author, year, from, to, sort)' }),
    date: Day.optional().meta({ description: 'papers featured on a feed day' }),
    week: IsoWeek.optional(),
    month: Month.optional(),
    cat: text('search: categories'),
    author: text('search: an author'),
    year: text('search: a year or range'),
    from: text('search: first day'),
    to: text('search: last day'),
    sort: z.enum(SEARCH_SORTS as [string, ...string[]]).default('relevance'),
    limit: limit(50, 500).meta({
      description: 'search and feed periods: at most this many, 1–500',
    }),
  })
  .refine((v) => SOURCES.filter((s) => v[s] !== undefined).length === 1, {
    message: `name exactly one of ${SOURCES.join(', ')}`,
  });
