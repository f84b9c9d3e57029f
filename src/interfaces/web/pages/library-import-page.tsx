/**
 * What a library import did: matched (and how), fetched from arXiv, skipped (and why) — or why
 * the file was refused (nothing stored then).
 */
import type { ImportReport } from '../../../core/recs/import-library.ts';
import { LibraryImportForm } from '../components/for-you-account.tsx';
import { paperPath } from '../format.ts';
import { Layout } from '../layout.tsx';

export function LibraryImportPage({ report, error }: { report?: ImportReport; error?: string }) {
  return (
    <Layout title="Library import">
      <section class="narrow">
        <h1>Library import</h1>
        {error && (
          <p class="notice warn" role="alert">
            {error} Nothing was stored.
          </p>
        )}
        {report && (
          <div id="import-report">
            <p class="notice" role="status">
              {report.entries} entr{report.entries === 1 ? 'y' : 'ies'} read as {report.format}:{' '}
              {report.matched.length} matched, {report.fetched.length} fetched from arXiv,{' '}
              {report.skipped.length} skipped; {report.added} new in your library.{' '}
              <a href="/for-you">See For you</a>
            </p>
            <h2>Matched</h2>
            <ul class="matched">
              {report.matched.map((m) => (
                <li>
                  <a href={paperPath(m.paperId)}>{m.title}</a> <span class="muted">by {m.by}</span>
                </li>
              ))}
            </ul>
            {report.fetched.length > 0 && (
              <>
                <h2>Fetched from arXiv</h2>
                <ul class="fetched">
                  {report.fetched.map((m) => (
                    <li>
                      <a href={paperPath(m.paperId)}>{m.title}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {report.skipped.length > 0 && (
              <>
                <h2>Skipped</h2>
                <ul class="skipped">
                  {report.skipped.map((s) => (
                    <li>
                      {s.title || `entry ${s.entry}`}: <span class="muted">{s.reason}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <h2>Import more</h2>
        <LibraryImportForm />
        <p>
          <a href="/account#for-you">Back to your account</a>
        </p>
      </section>
    </Layout>
  );
}
