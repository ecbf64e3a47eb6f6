// The photos the library could not read, each said in plain words (the decoder's text on hover),
// with what the user can do: look at the file where it is, or read it again once it is fixed.
import { useState } from 'react';
import type { PhotoProblem } from '../../../preload/contract/library';
import { folderName, formatCount } from '../format';
import { useLibraryStore } from './use-library-store';
import { AlertIcon } from '../components/icons';

function ProblemRow({ problem }: { readonly problem: PhotoProblem }) {
  const retryProblem = useLibraryStore((s) => s.retryProblem);
  const showProblemInFolder = useLibraryStore((s) => s.showProblemInFolder);
  const [state, setState] = useState<'idle' | 'reading' | 'still'>('idle');
  const retry = async () => {
    setState('reading');
    // A photo that now reads leaves the list with this row; one still broken says so.
    if (!(await retryProblem(problem.path))) setState('still');
  };
  return (
    <li className="problem-row" data-testid="problem-row">
      <span className="problem-name">{folderName(problem.path)}</span>
      <span className="problem-reason" title={problem.detail} data-testid="problem-reason">
        {problem.reason}
        {state === 'still' && <span className="problem-still"> · still unreadable</span>}
      </span>
      <span className="problem-actions">
        <button
          type="button"
          className="mini-button"
          onClick={() => void showProblemInFolder(problem.path)}
        >
          Show in folder
        </button>
        <button
          type="button"
          className="mini-button"
          disabled={state === 'reading'}
          onClick={() => void retry()}
        >
          {state === 'reading' ? 'Reading…' : 'Retry'}
        </button>
      </span>
      <span className="problem-path" title={`${problem.path}\n${problem.detail}`}>
        {problem.path}
      </span>
    </li>
  );
}

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
          <ProblemRow key={problem.path} problem={problem} />
        ))}
      </ul>
    </details>
  );
}
