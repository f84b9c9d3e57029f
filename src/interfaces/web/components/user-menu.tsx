/**
 * The header's account corner: "Sign in" for visitors; profile, account, moderation and sign-out
 * for signed-in users.
 */
import { useView } from '../view-context.ts';

export function UserMenu() {
  const { viewer, csrf, path } = useView();
  if (!viewer) {
    return (
      <a class="button" href={`/signin?next=${encodeURIComponent(path)}`}>
        Sign in
      </a>
    );
  }
  return (
    <div class="user-menu">
      <a href={`/users/${viewer.handle}`} class="handle">
        @{viewer.handle}
      </a>
      <a href="/account">Account</a>
      {(viewer.role === 'moderator' || viewer.role === 'admin') && <a href="/admin">Moderation</a>}
      <form method="post" action="/signout" class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="link">
          Sign out
        </button>
      </form>
    </div>
  );
}
