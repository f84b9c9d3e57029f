/**
 * Where a paper's comments are. Imported counts (Hugging Face's discussion) and comments posted
 * here are different threads, so they are never added up on screen: "3 here · 12 on Hugging
 * Face", the first linking to this page's discussion, the second to the original one.
 */
import type { Paper } from '../../../core/papers/model.ts';
import { paperPath } from '../format.ts';

/** The original discussion of an imported paper (Hugging Face is the only source with counts). */
export function originalDiscussionUrl(paperId: string): string {
  return `https://huggingface.co/papers/${paperId}`;
}

/** Comments posted here and imported ones, given the display copy's total and the local count. */
export function commentSplit(paper: Paper, here: number): { here: number; imported: number } {
  return { here, imported: Math.max(0, paper.community.commentCount - here) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `<li>` items for a card's meta line. */
export function CommentCounts({ paper, here }: { paper: Paper; here: number }) {
  const split = commentSplit(paper, here);
  return (
    <>
      {(split.here > 0 || split.imported === 0) && (
        <li>
          <a href={`${paperPath(paper.id)}#discussion`}>
            {split.here > 0 ? `${plural(split.here, 'comment')} here` : 'Discuss'}
          </a>
        </li>
      )}
      {split.imported > 0 && (
        <li>
          <a href={originalDiscussionUrl(paper.id)} rel="noopener">
            {plural(split.imported, 'comment')} on Hugging Face
          </a>
        </li>
      )}
    </>
  );
}
