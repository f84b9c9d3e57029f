/**
 * The one-line message a page shows after a form sent the reader back to it (`?done=…`,
 * `?reported=1`): what was done, in a status region screen readers announce. Only known codes
 * are shown, so a link cannot put words of its own on the page.
 */
import { useView } from '../view-context.ts';

const MESSAGES: Record<string, string> = {
  voted: 'You are signed in, and your upvote is counted.',
  saved: 'Saved.',
  draft: 'You are signed in. Your comment is below, not posted yet: press Comment to post it.',
  unfinished: 'You are signed in, but what you started could not be finished. Please try again.',
  deleted: 'Deleted.',
  reported: 'Thank you. A moderator will look at the comment you reported.',
  // For you (routes/for-you.tsx)
  hidden: 'Not interested: papers like it now rank lower in For you. Undo on your account page.',
  more: 'Noted: papers like it now rank higher in For you.',
  picked: 'Saved: For you now starts from these.',
  settings: 'Saved: your threshold and left-out words apply from now on.',
  subscribed: 'Subscribed: For you comes by email.',
  followed: 'Followed: their new papers come first in For you.',
  'feed-revoked': 'Your old For-you feed link no longer works. The new one is on For you.',
};

/** The message for this page's URL, if it carries one. */
export function flashFor(path: string): string | null {
  const params = new URL(path, 'http://x').searchParams;
  const code = params.get('done') ?? (params.get('reported') === '1' ? 'reported' : null);
  return code ? (MESSAGES[code] ?? null) : null;
}

export function Flash() {
  const message = flashFor(useView().path);
  if (!message) return null;
  return (
    <p class="notice flash" role="status">
      {message}
      {message === MESSAGES.saved && (
        <>
          {' '}
          <a href="/collections">See your collections</a>
        </>
      )}
    </p>
  );
}
