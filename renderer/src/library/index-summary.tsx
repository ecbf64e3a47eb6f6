// How far the library is from being searchable: live progress while indexing, a summary after.
import { formatCount, formatEta, formatRate, folderName } from '../format';
import { selectIsIndexing, useEngineStore } from '../stores/engine-store';
import { AlertIcon, CheckIcon } from '../components/icons';
import { ProgressBar } from '../components/progress-bar';

export function IndexSummary() {
  const status = useEngineStore((s) => s.status);
  const indexing = useEngineStore(selectIsIndexing);
  const indexRun = useEngineStore((s) => s.indexRun);
  if (status === null) return null;

  if (indexing && status.progress !== null) {
    const { done, total, filesPerSecond, etaSeconds, currentFolder } = status.progress;
    const facts =
      indexRun === 'paused'
        ? 'Paused: what is done is kept. Resume from the status bar.'
        : indexRun === 'cancelling'
          ? 'Stopping…'
          : [formatRate(filesPerSecond), formatEta(etaSeconds)].filter(Boolean).join(' · ');
    return (
      <div className="index-card" data-testid="index-progress">
        <div className="index-card-head">
          <span className="index-card-title">Indexing photos</span>
          <span className="index-card-count">
            {done.toLocaleString()} of {formatCount(total, 'photo')}
          </span>
        </div>
        <ProgressBar done={done} total={total} label="Indexing progress" />
        <div className="index-card-foot">
          <span>{facts || 'Loading the model…'}</span>
          {currentFolder !== null && (
            <span className="index-card-folder" title={currentFolder}>
              {folderName(currentFolder)}
            </span>
          )}
        </div>
      </div>
    );
  }

  const { files, embedded } = status.library;
  if (files === 0) {
    return (
      <p className="index-line" data-testid="index-progress">
        No photos found in these folders yet.
      </p>
    );
  }
  const complete = embedded >= files;
  const text = complete
    ? `All ${formatCount(files, 'photo')} are searchable.`
    : embedded === 0
      ? `${formatCount(files, 'photo')} waiting to be indexed.`
      : `${embedded.toLocaleString()} of ${formatCount(files, 'photo')} are searchable.`;
  return (
    <p className={complete ? 'index-line is-complete' : 'index-line'} data-testid="index-progress">
      {complete ? (
        <CheckIcon className="index-line-icon" />
      ) : (
        <AlertIcon className="index-line-icon" />
      )}
      {text}
    </p>
  );
}
