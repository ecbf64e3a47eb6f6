// The photos the library could not read, each with its reason: the user can fix or remove them.
import { folderName, formatCount } from '../format';
import { useLibraryStore } from './use-library-store';
import { AlertIcon } from '../components/icons';

export function ProblemsPanel() {
  const problems = useLibraryStore((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <details className="problems" data-testid="problems-panel">
      <summary className="problems-summary">
        <AlertIcon className="problems-icon" />
        <span>Problems</span>
        <span className="problems-count">
          {formatCount(problems.length, 'photo')} could not be read
        </span>
      </summary>
      <ul className="problems-list" aria-label="Photos that could not be read">
        {problems.map((problem) => (
          <li key={problem.path} className="problem-row" data-testid="problem-row">
            <span className="problem-name">{folderName(problem.path)}</span>
            <span className="problem-reason">{problem.reason}</span>
            <span className="problem-path" title={problem.path}>
              {problem.path}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
