// The heading every view opens with: its title, a one-line summary, and the view's main actions.
import type { ReactNode } from 'react';

export function ViewHeader({
  titleId,
  title,
  summary,
  summaryTestId,
  children,
}: {
  /** The heading's id, which the view's section names itself by (aria-labelledby). */
  readonly titleId: string;
  readonly title: string;
  readonly summary: ReactNode;
  readonly summaryTestId?: string;
  readonly children?: ReactNode;
}) {
  return (
    <header className="library-header">
      <div>
        <h1 id={titleId} className="library-title">
          {title}
        </h1>
        <p className="library-summary" data-testid={summaryTestId}>
          {summary}
        </p>
      </div>
      {children}
    </header>
  );
}
