import type { ReactNode } from 'react';

/** A page's title block: what the page shows and which documented example it follows (docs/react.md). */
export function PageHeader({ eyebrow, title, children, aside }: { eyebrow: string; title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <span className="eyebrow">{eyebrow}</span>
        <h1>{title}</h1>
        <p>{children}</p>
      </div>
      {aside}
    </header>
  );
}
