// The thumbnail grid: only the rows on screen are in the page (100,000 photos scroll as 20),
// thumbnails load lazily, and click, shift-, ctrl/cmd-click and rubber-band drags select.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import type { ThumbnailSize } from '../../../preload/contract';
import { CellBadges, CellCaption } from './cell-badges';
import { useGridKeys } from './grid-keys';
import { relevanceOf, relevanceScale } from './relevance';
import { gridItems, itemRef, usePhotosStore, type GridItem } from './use-photos-store';
import { formatCount } from '../format';

const GAP = 6;
const PADDING = 10;

function thumbSize(cell: number): ThumbnailSize {
  const pixels = cell * (window.devicePixelRatio || 1);
  return pixels <= 128 ? 128 : pixels <= 256 ? 256 : 512;
}

function Cell({ item, index, size }: { item: GridItem | undefined; index: number; size: number }) {
  const selected = usePhotosStore((s) => item !== undefined && s.selected.has(itemRef(item).id));
  const startId = usePhotosStore((s) => (s.source.kind === 'similar' ? s.source.photo.id : null));
  const expanded = usePhotosStore((s) => item?.kind === 'hit' && s.expanded.has(item.hit.id));
  const focused = usePhotosStore((s) => s.focus === index);
  const captions = usePhotosStore((s) => s.captions);
  const outcome = usePhotosStore((s) => s.outcome);
  const scale = relevanceScale(outcome);
  const [failed, setFailed] = useState(false);
  if (item === undefined)
    return <div className="photo-cell photo-cell-loading" style={{ width: size, height: size }} />;
  const ref = itemRef(item);
  const name = ref.path.split(/[\\/]/).pop() ?? ref.path;
  const score = item.kind === 'hit' ? item.hit.score : item.row.score;
  const duplicates = item.kind === 'hit' ? item.hit.duplicates.length : 0;
  const copyOf = item.kind === 'hit' ? item.copyOf : undefined;
  const start = ref.id === startId && copyOf === undefined;
  const tags = item.kind === 'photo' ? item.row.tags : null;
  const click = (event: React.MouseEvent) => {
    const mode = event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only';
    usePhotosStore.getState().select(index, mode);
  };
  return (
    <div
      className={[
        'photo-cell',
        start && 'photo-cell-start',
        copyOf !== undefined && 'photo-cell-copy',
        focused && 'photo-cell-focused',
        tags !== null && captions && 'photo-cell-captioned',
      ]
        .filter(Boolean)
        .join(' ')}
      role="gridcell"
      aria-selected={selected}
      data-focused={focused || undefined}
      aria-label={name}
      data-testid="photo-cell"
      data-photo-id={ref.id}
      data-duplicates={duplicates}
      tabIndex={-1}
      style={{ width: size, height: size }}
      onClick={click}
      onDoubleClick={() => usePhotosStore.getState().open(index)}
      title={ref.path}
    >
      {failed ? (
        <span className="photo-cell-missing">{name}</span>
      ) : (
        <img
          className="tile-image"
          src={window.facet.thumbUrl(ref.path, thumbSize(size))}
          alt=""
          loading="lazy"
          decoding="async"
          draggable={false}
          onError={() => setFailed(true)}
        />
      )}
      {score !== null && !start && (
        <span
          className="photo-cell-score"
          title={
            item.kind === 'photo' ? 'How sure Facet is of the label' : 'Relevance to the search'
          }
        >
          {/* A tag's score is how sure Facet is; a search hit's reads as its relevance. */}
          {item.kind === 'photo' || scale === null
            ? `${Math.round(Math.min(1, Math.max(0, score)) * 100)} %`
            : Math.round(relevanceOf(score, scale))}
        </span>
      )}
      {tags !== null && <CellBadges tags={tags} />}
      {tags !== null && captions && <CellCaption tags={tags} />}
      {start && (
        <span className="photo-cell-start-badge" data-testid="start-photo">
          This photo
        </span>
      )}
      {copyOf !== undefined && <span className="photo-cell-copy-badge">Copy</span>}
      {duplicates > 0 && (
        <button
          type="button"
          className="photo-cell-duplicates"
          data-testid="expand-copies"
          aria-expanded={expanded}
          title={
            expanded
              ? 'Fold the near-duplicates back in'
              : `Show the ${formatCount(duplicates, 'near-duplicate')} folded in`
          }
          onClick={(event) => {
            event.stopPropagation();
            usePhotosStore.getState().toggleCopies(ref.id);
          }}
          onDoubleClick={(event) => event.stopPropagation()}
        >
          {expanded ? '−' : '+'}
          {duplicates}
        </button>
      )}
      {selected && (
        <span className="photo-cell-check" aria-hidden="true">
          ✓
        </span>
      )}
    </div>
  );
}

interface Band {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  add: boolean;
}

export function PhotoGrid() {
  const state = usePhotosStore();
  const { count, at } = gridItems(state);
  const zoom = state.zoom;
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [band, setBand] = useState<Band | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((width - 2 * PADDING + GAP) / (zoom + GAP)));
  const cell = Math.floor((width - 2 * PADDING - (columns - 1) * GAP) / columns);
  const rowHeight = cell + GAP;
  const rows = Math.ceil(count / columns);
  // The grid is not memoised by the React compiler; the virtualizer re-renders it on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 4,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const visible = virtualizer.getVirtualItems();
  const first = visible[0]?.index ?? 0;
  const last = visible.at(-1)?.index ?? 0;
  useEffect(() => {
    state.ensureRange(first * columns, (last + 1) * columns);
  }, [first, last, columns, state]);

  // The open photo stays in view as the photo view steps through the grid, and so does the
  // photo the arrow keys are on.
  const viewing = state.viewing;
  const focus = state.focus;
  useGridKeys(columns);
  useEffect(() => {
    const index = viewing ?? focus;
    if (index !== null) virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
  }, [viewing, focus, columns, virtualizer]);

  const point = (event: PointerEvent) => {
    const box = (scroller.current as HTMLDivElement).getBoundingClientRect();
    return {
      x: event.clientX - box.left,
      y: event.clientY - box.top + (scroller.current as HTMLDivElement).scrollTop,
    };
  };
  const startBand = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || (event.target as HTMLElement).closest('.photo-cell')) return;
    const p = point(event);
    (event.currentTarget as HTMLDivElement).setPointerCapture(event.pointerId);
    setBand({
      x0: p.x,
      y0: p.y,
      x1: p.x,
      y1: p.y,
      add: event.shiftKey || event.ctrlKey || event.metaKey,
    });
  };
  const moveBand = (event: PointerEvent<HTMLDivElement>) => {
    if (band === null) return;
    const p = point(event);
    setBand({ ...band, x1: p.x, y1: p.y });
  };
  const endBand = () => {
    if (band === null) return;
    const left = Math.min(band.x0, band.x1) - PADDING;
    const right = Math.max(band.x0, band.x1) - PADDING;
    const top = Math.min(band.y0, band.y1) - PADDING;
    const bottom = Math.max(band.y0, band.y1) - PADDING;
    const pitch = cell + GAP;
    const indexes: number[] = [];
    if (right - left > 3 || bottom - top > 3) {
      for (let r = Math.max(0, Math.floor(top / pitch)); r <= Math.floor(bottom / pitch); r++)
        for (
          let c = Math.max(0, Math.floor(left / pitch));
          c <= Math.min(columns - 1, Math.floor(right / pitch));
          c++
        ) {
          const x = c * pitch;
          const y = r * pitch;
          if (
            x + cell >= left &&
            x <= right &&
            y + cell >= top &&
            y <= bottom &&
            r * columns + c < count
          )
            indexes.push(r * columns + c);
        }
      state.selectIndexes(indexes, band.add);
    } else if (!band.add) state.clearSelection();
    setBand(null);
  };

  return (
    <div
      ref={scroller}
      className="photo-grid"
      role="grid"
      aria-label="Photos"
      aria-rowcount={rows}
      aria-busy={state.loading}
      data-testid="photo-grid"
      onPointerDown={startBand}
      onPointerMove={moveBand}
      onPointerUp={endBand}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {visible.map((row) => (
          <div
            key={row.key}
            role="row"
            className="photo-row"
            style={{
              transform: `translateY(${row.start}px)`,
              height: cell,
              gap: GAP,
              paddingLeft: PADDING,
            }}
          >
            {Array.from({ length: columns }, (_, c) => row.index * columns + c)
              .filter((index) => index < count)
              .map((index) => {
                const item = at(index);
                const key = item === undefined ? `${index}` : `${index}:${itemRef(item).id}`;
                return <Cell key={key} item={item} index={index} size={cell} />;
              })}
          </div>
        ))}
        {band !== null && (
          <div
            className="photo-band"
            data-testid="rubber-band"
            style={{
              left: Math.min(band.x0, band.x1),
              top: Math.min(band.y0, band.y1),
              width: Math.abs(band.x1 - band.x0),
              height: Math.abs(band.y1 - band.y0),
            }}
          />
        )}
      </div>
    </div>
  );
}
