/**
 * The upvote control: a POST form (works without JavaScript; app.js toggles it in place).
 * Visitors see the count and are sent to sign in when they press it.
 */
import { PostForm } from './csrf-field.tsx';

export interface VoteButtonProps {
  paperId: string;
  upvotes: number;
  voted: boolean;
  /** `compact` in lists, `wide` on the paper page. */
  variant?: 'compact' | 'wide';
}

export function VoteButton({ paperId, upvotes, voted, variant = 'compact' }: VoteButtonProps) {
  return (
    <PostForm action="/vote" class={`vote-form ${variant}`} data-paper-id={paperId}>
      <input type="hidden" name="paper" value={paperId} />
      <button
        type="submit"
        class="votes"
        aria-pressed={voted ? 'true' : 'false'}
        title={voted ? 'Remove your upvote' : 'Upvote'}
      >
        <span class="arrow" aria-hidden="true">
          ▲
        </span>
        <span class="count">{upvotes}</span>
        <span class="label">
          {variant === 'wide' ? `upvote${upvotes === 1 ? '' : 's'}` : 'votes'}
        </span>
      </button>
    </PostForm>
  );
}
