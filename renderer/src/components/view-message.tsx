// A view's last error or done-notice, shown until dismissed.
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

export function ViewMessage({
  error,
  notice,
  onDismiss,
  testId,
}: {
  readonly error: string | null;
  readonly notice: string | null;
  readonly onDismiss: () => void;
  readonly testId: string;
}) {
  if (error === null && notice === null) return null;
  return (
    <div
      className={error !== null ? 'notice notice-error' : 'notice'}
      role={error !== null ? 'alert' : 'status'}
      data-testid={testId}
    >
      {error !== null ? (
        <AlertIcon className="notice-icon" />
      ) : (
        <CheckIcon className="notice-icon" />
      )}
      <div className="notice-body">
        <p className="notice-message">{error ?? notice}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        <CloseIcon className="button-icon" />
      </button>
    </div>
  );
}
