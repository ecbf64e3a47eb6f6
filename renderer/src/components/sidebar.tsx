// The views, in order; Folders says how many photos could not be read, so a problem found during
// a background run is seen from any view.
import { useEffect, useState } from 'react';
import { facet } from '../engine-call';
import { formatCount } from '../format';
import { useEngineStore } from '../stores/engine-store';
import { useViewStore } from '../stores/view-store';
import type { AppView } from '../views';
import { AlertIcon } from './icons';

/** Photos the library could not read, counted again whenever the engine's state changes. */
function useProblemCount(): number {
  const status = useEngineStore((s) => s.status);
  const [count, setCount] = useState(0);
  useEffect(() => {
    let current = true;
    // A count that cannot be read keeps the last one: the Folders view says what went wrong.
    facet.library.problemCount().then(
      (problems) => current && setCount(problems),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [status]);
  return count;
}

export function Sidebar({
  views,
  current,
}: {
  readonly views: readonly AppView[];
  readonly current: string;
}) {
  const show = useViewStore((s) => s.show);
  const problems = useProblemCount();
  return (
    <nav className="sidebar" aria-label="Views">
      {views.map(({ id, title, icon: Icon }) => (
        <button
          key={id}
          type="button"
          className="sidebar-item"
          aria-current={id === current ? 'page' : undefined}
          data-testid={`view-${id}`}
          title={title}
          onClick={() => show(id)}
        >
          <Icon className="sidebar-icon" />
          <span className="sidebar-label">{title}</span>
          {id === 'folders' && problems > 0 && (
            <span
              className="sidebar-label problems-count"
              data-testid="folders-problem-count"
              title={`${formatCount(problems, 'photo')} could not be read`}
              aria-label={`${formatCount(problems, 'photo')} could not be read`}
            >
              <AlertIcon className="problems-icon" /> {problems}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
