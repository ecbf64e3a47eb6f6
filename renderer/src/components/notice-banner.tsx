import { useLibraryStore } from '../library/use-library-store';
import { AlertIcon, CloseIcon } from './icons';
import { isDamagedLibrary } from '../library/repair-library';

export function NoticeBanner() {
  const notice = useLibraryStore((s) => s.notice);
  const dismissNotice = useLibraryStore((s) => s.dismissNotice);
  const confirmBroadFolders = useLibraryStore((s) => s.confirmBroadFolders);
  // A damaged library is said once, by the Repair library panel, with what to do about it.
  if (notice === null || isDamagedLibrary(notice.message)) return null;
  return (
    <div
      className={`notice notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <AlertIcon className="notice-icon" />
      <div className="notice-body">
        <p className="notice-message">{notice.message}</p>
        {notice.details.length > 0 && (
          <ul className="notice-details">
            {notice.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        )}
        {notice.confirm !== undefined && notice.confirm.length > 0 && (
          <button type="button" className="button" onClick={() => void confirmBroadFolders()}>
            Add anyway
          </button>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={dismissNotice}
        aria-label="Dismiss"
        title="Dismiss"
      >
        <CloseIcon className="button-icon" />
      </button>
    </div>
  );
}
