/**
 * Admins: every subscription with its state, the digest ledger's counts, and a preview of the
 * digest a subscription would get now — the exact mail (HTML in a sandboxed frame, and the text).
 */

import { describe } from '../../../core/digests/describe-subscription.ts';
import type { Subscription } from '../../../core/digests/model.ts';
import type { DigestPreview } from '../../../core/digests/preview-digest.ts';
import { Layout } from '../layout.tsx';

export interface AdminDigestsProps {
  subscriptions: Subscription[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
  unconfirmed: number;
}

export function AdminDigestsPage(props: AdminDigestsProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const states = ['pending', 'sent', 'empty', 'failed'];
  return (
    <Layout title="Digests">
      <h1>Email digests</h1>
      <p class="subtitle">
        {props.total} subscription{props.total === 1 ? '' : 's'} · digests:{' '}
        {states.map((s) => `${s} ${props.counts[s] ?? 0}`).join(' · ')}
        {props.unconfirmed > 0 && ` · ${props.unconfirmed} sent without the server's reply`}
      </p>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Subscription</th>
            <th scope="col">State</th>
            <th scope="col">Time zone</th>
            <th scope="col">Preview</th>
          </tr>
        </thead>
        <tbody>
          {props.subscriptions.map((s) => (
            <tr>
              <td>{s.address}</td>
              <td>{describe(s)}</td>
              <td>{s.status}</td>
              <td>{s.timeZone}</td>
              <td>
                <a href={`/admin/digests/${s.id}/preview`}>Preview</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav class="pager" aria-label="Pages">
          {props.page > 1 ? (
            <a href={`/admin/digests?page=${props.page - 1}`}>← Page {props.page - 1}</a>
          ) : (
            <span />
          )}
          <span>
            Page {props.page} of {pages}
          </span>
          {props.page < pages ? (
            <a href={`/admin/digests?page=${props.page + 1}`}>Page {props.page + 1} →</a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </Layout>
  );
}

export function DigestPreviewPage({ preview }: { preview: DigestPreview }) {
  const { subscription: s, planned, message } = preview;
  return (
    <Layout title="Digest preview">
      <p>
        <a href="/admin/digests">← All subscriptions</a>
      </p>
      <h1>Digest preview</h1>
      <p class="subtitle">
        {s.address} · {describe(s)} · {s.status} · period {planned.period.key} · as if sent now
      </p>
      {message ? (
        <>
          <dl class="facts">
            <dt>Subject</dt>
            <dd>{message.subject}</dd>
            {Object.entries(message.headers).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </>
            ))}
          </dl>
          <h2>HTML</h2>
          <iframe
            class="mail-preview"
            title="The digest as HTML"
            sandbox=""
            srcdoc={message.html}
          />
          <h2>Plain text</h2>
          <pre class="mail-text">{message.text}</pre>
        </>
      ) : (
        <p class="empty">Nothing new for this subscription right now: no mail would be sent.</p>
      )}
    </Layout>
  );
}
