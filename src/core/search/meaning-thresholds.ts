/**
 * The calibrated "close in meaning" threshold per embedding model: the cosine at or above which
 * a paper that does not match the query's words is still listed (below the boundary), and a
 * meaning-only alert match counts. Calibrated by `npm run eval -- --calibrate` on the shared
 * corpus's held-out papers (docs/DESIGN.md "Honest result counts"); PAPERBOY_MEANING_THRESHOLD
 * overrides it.
 */

/** Measured thresholds by model id prefix (longest matching prefix wins). */
const MEASURED: Record<string, number> = {
  'use-lite@': 0.5,
  'paperboy-static@': 0.35,
};

/** For models nobody has calibrated: strict, so unmeasured models list few meaning-only papers. */
export const UNMEASURED_THRESHOLD = 0.6;

/** The threshold for `modelId` (null: no embedder, nothing is close in meaning) unless overridden. */
export function meaningThreshold(modelId: string | null, override?: number): number {
  if (override !== undefined) return override;
  if (modelId === null) return Number.POSITIVE_INFINITY;
  const prefix = Object.keys(MEASURED)
    .filter((p) => modelId.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? (MEASURED[prefix] as number) : UNMEASURED_THRESHOLD;
}
