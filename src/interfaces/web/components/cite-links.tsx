/**
 * "Cite: BibTeX · RIS · CSL-JSON" download links for a paper or a list (/api/v1/export).
 */
import { CITATION_FORMATS, type CitationFormat } from '../../../core/papers/citation.ts';

const LABELS: Record<CitationFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

/** `params` names the papers, e.g. `{ paper: '2608.19880' }` or `{ q: 'agents', cat: 'cs.CL' }`. */
export function CiteLinks({
  params,
  label = 'Cite',
}: {
  params: Record<string, string>;
  label?: string;
}) {
  const href = (format: CitationFormat) =>
    `/api/v1/export?${new URLSearchParams({ ...params, format }).toString()}`;
  return (
    <p class="feeds cite">
      <span>{label}:</span>
      {CITATION_FORMATS.map((f) => (
        <a href={href(f)} download>
          {LABELS[f]}
        </a>
      ))}
    </p>
  );
}
