import type { ReactNode } from 'react';

/** The page's h1; focusable from script so moving between pages puts a screen reader at its top. */
export function PageHeading({ children }: { children: ReactNode }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}
