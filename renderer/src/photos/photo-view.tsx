// One photo large: its tags with score bars (confirm / reject with keys), EXIF basics, the way
// to its file, and the previous / next photo of the grid.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PhotoDetails } from '../../../preload/contract/browse';
import type { PhotoTag } from '../../../preload/contract/labels';
import { describeScore } from '../labels/label-panel';
import { recordEvent } from '../test-events';
import { tagCards, type TagCard } from './tag-paths';
import { gridItems, itemRef, usePhotosStore } from './use-photos-store';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

const bytes = (n: number) =>
  n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} KB`
    : `${(n / 1024 / 1024).toFixed(1)} MB`;
// EXIF holds the camera's clock without a zone (kept as if UTC): shown as written. A file's time
// is an instant: shown in this computer's zone.
const when = (ms: number, from: 'exif' | 'file' | null) =>
  new Date(ms).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(from === 'exif' && { timeZone: 'UTC' }),
  }) + (from === 'file' ? ' (file date)' : '');

function TagRow({
  card,
  peak,
  chosen,
  onDecide,
}: {
  card: TagCard;
  peak: number;
  chosen: boolean;
  onDecide: (tag: PhotoTag, state: PhotoTag['state']) => void;
}) {
  // Confirm and Reject act on the chosen level of the path: the leaf unless a level above is picked.
  const [level, setLevel] = useState<string | null>(null);
  const tag = [...card.above, card.tag].find((t) => t.label === level) ?? card.tag;
  const width =
    tag.score === null || peak <= 0 ? 0 : Math.max(2, (Math.max(0, tag.score) / peak) * 100);
  const leafOf = (label: string) => label.slice(label.lastIndexOf('/') + 1);
  return (
    <li
      className={`viewer-tag viewer-tag-${tag.state}${chosen ? ' viewer-tag-chosen' : ''}`}
      data-testid="viewer-tag"
      aria-current={chosen}
    >
      <div className="viewer-tag-name">
        <span className="viewer-tag-path">
          {[...card.above, card.tag].map((t) => (
            <button
              key={t.label}
              type="button"
              className={`viewer-tag-level viewer-tag-level-${t.state}`}
              aria-pressed={t.label === tag.label}
              title={`${t.label}: ${t.state}`}
              onClick={() => setLevel(t.label === card.tag.label ? null : t.label)}
            >
              {leafOf(t.label)}
            </button>
          ))}
        </span>
        <span className="viewer-tag-state">{tag.state}</span>
      </div>
      <div className="viewer-tag-bar" aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </div>
      <span className="viewer-tag-score">
        {tag.score === null ? '—' : describeScore(tag.score)}
      </span>
      <div className="viewer-tag-actions">
        <button
          type="button"
          className="button"
          aria-pressed={tag.state === 'confirmed'}
          onClick={() => onDecide(tag, tag.state === 'confirmed' ? 'suggested' : 'confirmed')}
        >
          Confirm
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={tag.state === 'rejected'}
          onClick={() => onDecide(tag, tag.state === 'rejected' ? 'suggested' : 'rejected')}
        >
          Reject
        </button>
      </div>
    </li>
  );
}

export function PhotoView({ index }: { index: number }) {
  const state = usePhotosStore();
  const { count, at } = gridItems(state);
  const item = at(index);
  const ref = item === undefined ? null : itemRef(item);
  const [details, setDetails] = useState<PhotoDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState(0);
  const { tagsVersion, open, decide, similarTo } = state;

  useEffect(() => {
    if (ref === null) return;
    let live = true;
    facet.browse.details(ref.id).then(
      (d) => {
        if (!live) return;
        setDetails(d);
        setError(null);
        recordEvent('photo-details-loaded');
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [ref?.id, tagsVersion]); // eslint-disable-line react-hooks/exhaustive-deps

  const refId = ref?.id;
  // One card per path: "Shapes/Round/circle" once, not three cards with one score.
  const tags = useMemo(
    () => tagCards(details !== null && details.id === refId ? details.tags : []),
    [details, refId],
  );
  const decideTag = useCallback(
    (tag: PhotoTag | undefined, next: PhotoTag['state']) => {
      if (ref === null || tag === undefined) return;
      void decide([ref.id], tag.labelSetId, tag.label, next);
    },
    [ref, decide],
  );

  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, select, textarea')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return; // Ctrl+Z is the window's undo
      const tag = tags[chosen]?.tag;
      if (event.key === 'Escape') open(null);
      else if (event.key === 'ArrowRight' && index + 1 < count) open(index + 1);
      else if (event.key === 'ArrowLeft' && index > 0) open(index - 1);
      else if (event.key === 'ArrowDown') setChosen(Math.min(tags.length - 1, chosen + 1));
      else if (event.key === 'ArrowUp') setChosen(Math.max(0, chosen - 1));
      else if (event.key === 'c') decideTag(tag, 'confirmed');
      else if (event.key === 'x') decideTag(tag, 'rejected');
      else if (event.key === 'u') decideTag(tag, 'suggested');
      else if (event.key === 'm' && ref !== null) void similarTo(ref);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  }, [tags, chosen, index, count, open, decideTag, similarTo, ref]);

  if (ref === null) return null;
  const name = ref.path.split(/[\\/]/).pop() ?? ref.path;
  const peak = Math.max(0, ...tags.map((t) => t.tag.score ?? 0));
  const exif = details?.exif ?? {};
  const facts: [string, string | undefined][] = [
    ['Taken', details?.taken != null ? when(details.taken, details.takenFrom) : undefined],
    ['Size', details?.width != null ? `${details.width} × ${details.height} px` : undefined],
    [
      'File',
      details ? `${details.format?.toUpperCase() ?? ''} ${bytes(details.bytes)}`.trim() : undefined,
    ],
    ['Camera', exif.camera],
    ['Lens', exif.lens],
    [
      'Exposure',
      [exif.exposure, exif.aperture, exif.iso ? `ISO ${exif.iso}` : undefined, exif.focalLength]
        .filter(Boolean)
        .join(' · ') || undefined,
    ],
  ];
  const shell = (call: 'showInFolder' | 'openPath') =>
    facet.shell[call](ref.path).then(
      () => recordEvent(call === 'openPath' ? 'photo-opened-outside' : 'photo-shown-in-folder'),
      (e: unknown) => setError(userMessage(e)),
    );

  return (
    <div
      className="viewer"
      role="dialog"
      aria-modal="true"
      aria-label={name}
      data-testid="photo-view"
    >
      <div className="viewer-stage">
        <img src={window.facet.photoUrl(ref.path)} alt={name} />
        <button
          type="button"
          className="viewer-nav viewer-prev"
          aria-label="Previous photo"
          disabled={index === 0}
          onClick={() => open(index - 1)}
        >
          ‹
        </button>
        <button
          type="button"
          className="viewer-nav viewer-next"
          aria-label="Next photo"
          disabled={index + 1 >= count}
          onClick={() => open(index + 1)}
        >
          ›
        </button>
      </div>
      <aside className="viewer-side">
        <div className="viewer-head">
          <h2 title={ref.path}>{name}</h2>
          <button
            type="button"
            className="button"
            aria-label="Close photo"
            onClick={() => open(null)}
          >
            ✕
          </button>
        </div>
        <p className="viewer-position muted">
          {index + 1} of {count} · {details?.folder ?? ''}
        </p>
        <div className="viewer-actions">
          <button type="button" className="button" onClick={() => void similarTo(ref)}>
            More like this
          </button>
          <button type="button" className="button" onClick={() => void shell('showInFolder')}>
            Show in folder
          </button>
          <button type="button" className="button" onClick={() => void shell('openPath')}>
            Open with default app
          </button>
        </div>
        {error !== null && (
          <p className="viewer-error" role="alert">
            {error}
          </p>
        )}
        <h3>Tags</h3>
        {details === null ? (
          <p className="muted">Loading…</p>
        ) : tags.length === 0 ? (
          <p className="muted">No tags yet. Label sets (in Labels) suggest tags for every photo.</p>
        ) : (
          <ul className="viewer-tags">
            {tags.map((card, i) => (
              <TagRow
                key={`${card.tag.labelSetId}:${card.tag.label}`}
                card={card}
                peak={peak}
                chosen={i === chosen}
                onDecide={decideTag}
              />
            ))}
          </ul>
        )}
        <h3>Details</h3>
        <dl className="viewer-facts">
          {facts
            .filter(([, value]) => value !== undefined)
            .map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        <p className="muted viewer-keys">
          ← → photos · ↑ ↓ tag · C confirm · X reject · U undo · ? all keys
        </p>
      </aside>
    </div>
  );
}
