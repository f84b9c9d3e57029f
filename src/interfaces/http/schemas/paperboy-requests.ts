/**
 * Requests of paperboy's own JSON routes (trending, similar papers): validation and /openapi.json.
 */
import { z } from 'zod';
import { MAX_PASTED_TEXT } from '../../../core/search/similar-papers.ts';
import { limit, PageIndex } from './common.ts';

export const TrendingQuery = z.object({
  period: z.enum(['day', 'week', 'window']).default('window').meta({
    description: '`day`/`week`: featured in the last day or week; `window`: the trending window',
  }),
  limit: limit(50, 100),
  p: PageIndex,
});

export const SimilarQuery = z.object({ limit: limit(20, 100), p: PageIndex });

export const SimilarTextBody = z
  .object({
    text: z
      .string()
      .min(1, 'send the text to compare, e.g. an abstract')
      .max(
        MAX_PASTED_TEXT,
        `must be at most ${MAX_PASTED_TEXT} characters; paste the abstract only`,
      )
      .meta({ description: 'an abstract or any passage' }),
    limit: z.number().int().min(1).max(100).default(20),
    p: z.number().int().min(0).max(100_000).default(0).meta({ description: 'page, from 0' }),
  })
  .meta({ id: 'SimilarTextRequest' });
