/**
 * What every page knows about the request it renders: who is signed in, the CSRF token its forms
 * carry, and the current path (to come back to after a form). Provided once per response by
 * interfaces/http/render.tsx, read with `useView()` anywhere in the tree.
 */
import { createContext, useContext } from 'hono/jsx';
import type { Role } from '../../core/community/model.ts';

export interface Viewer {
  id: string;
  handle: string;
  displayName: string;
  role: Role;
  banned: boolean;
}

export interface View {
  viewer: Viewer | null;
  /** Value for the hidden `_csrf` field of every POST form. */
  csrf: string;
  /** Path and query of the current page. */
  path: string;
}

export const ViewContext = createContext<View>({ viewer: null, csrf: '', path: '/' });

/** The current request's view. */
export function useView(): View {
  return useContext(ViewContext);
}
