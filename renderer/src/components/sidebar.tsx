import { useViewStore } from '../stores/view-store';
import type { AppView } from '../views';

export function Sidebar({
  views,
  current,
}: {
  readonly views: readonly AppView[];
  readonly current: string;
}) {
  const show = useViewStore((s) => s.show);
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
        </button>
      ))}
    </nav>
  );
}
