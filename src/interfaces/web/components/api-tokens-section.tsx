/**
 * The "API tokens" part of /account: the account's tokens (name, scope, last use, state), a form
 * for a new one, revoke buttons, and — right after creating one — the token itself, shown once.
 */
import { isLive } from '../../../core/community/api-tokens.ts';
import type { ApiToken } from '../../../core/community/model.ts';
import { PostForm } from './csrf-field.tsx';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never');

function state(token: ApiToken, now: Date): string {
  if (token.revokedAt) return `revoked ${when(token.revokedAt)}`;
  if (!isLive(token, now)) return `expired ${when(token.expiresAt)}`;
  return token.expiresAt ? `expires ${when(token.expiresAt)}` : 'active';
}

export function ApiTokensSection(props: {
  tokens: ApiToken[];
  now: Date;
  /** A token just created: its secret is shown this once. */
  created?: { token: ApiToken; secret: string } | undefined;
}) {
  const { tokens, now, created } = props;
  return (
    <>
      <h2 id="tokens">API tokens</h2>
      <p class="muted">
        For scripts and agents: send a token as <code>Authorization: Bearer pb_…</code> to{' '}
        <a href="/api">the API</a> or the MCP server at <code>/mcp</code>. <em>read</em> tokens also
        read your private collections and subscriptions; <em>write</em> tokens can vote, comment,
        collect and subscribe for you.
      </p>
      {created && (
        <div class="notice" role="status">
          <p>
            New token <strong>{created.token.name}</strong> ({created.token.scope}). Copy it now: it
            is not shown again.
          </p>
          <p>
            <code class="secret" data-token>
              {created.secret}
            </code>
          </p>
        </div>
      )}
      {tokens.length > 0 && (
        <table class="admin-table tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scope</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.scope}</td>
                <td>
                  <code>{t.hint}…</code>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>{state(t, now)}</td>
                <td>
                  {isLive(t, now) && (
                    <PostForm action={`/account/tokens/${t.id}/revoke`} next="/account#tokens">
                      <button type="submit" class="button">
                        Revoke
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PostForm action="/account/tokens" class="stack">
        <label for="token-name">Token name</label>
        <input id="token-name" name="name" required maxlength={60} placeholder="laptop scripts" />
        <label for="token-scope">Scope</label>
        <select id="token-scope" name="scope">
          <option value="read">read</option>
          <option value="write">write</option>
        </select>
        <label for="token-expires">Expires</label>
        <select id="token-expires" name="expiresInDays">
          <option value="90">in 90 days</option>
          <option value="30">in 30 days</option>
          <option value="365">in a year</option>
          <option value="0">never (until revoked)</option>
        </select>
        <button type="submit" class="button">
          Create token
        </button>
      </PostForm>
    </>
  );
}
