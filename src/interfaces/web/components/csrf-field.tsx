/**
 * The hidden CSRF field every POST form carries, and a POST form that includes it.
 */
import type { Child } from 'hono/jsx';
import { useView } from '../view-context.ts';

export function CsrfField() {
  return <input type="hidden" name="_csrf" value={useView().csrf} />;
}

export interface PostFormProps {
  action: string;
  class?: string;
  /** Where to come back to afterwards (default: the current page). */
  next?: string;
  children: Child;
  /** Extra attributes, e.g. data-paper-id. */
  [attr: string]: unknown;
}

/** `<form method="post">` with the CSRF field and a `next` path. */
export function PostForm({ action, next, children, ...rest }: PostFormProps) {
  const view = useView();
  return (
    <form method="post" action={action} {...rest}>
      <input type="hidden" name="_csrf" value={view.csrf} />
      <input type="hidden" name="next" value={next ?? view.path} />
      {children}
    </form>
  );
}
