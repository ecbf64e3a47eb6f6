// Inline SVG icons: the CSP allows no external images, and these follow the text colour.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

const base = {
  xmlns: 'http://www.w3.org/2000/svg',
  fill: 'none',
  stroke: 'currentColor',
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
} as const;

/** Two stacked photos and a folder tab: the drop zone's illustration. */
export function PhotosIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 64 64" strokeWidth={2.5} {...props}>
      <path d="M10 20v-6a4 4 0 0 1 4-4h11l5 5h20a4 4 0 0 1 4 4v1" />
      <rect x="6" y="22" width="52" height="34" rx="5" fill="currentColor" fillOpacity={0.1} />
      <circle cx="21" cy="34" r="4.5" />
      <path d="m6.5 50 14-12 10 8.5 9-7 18 14" />
    </svg>
  );
}

export function FolderIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <path d="M3 7.5A2.5 2.5 0 0 1 5.5 5H9l2 2h7.5A2.5 2.5 0 0 1 21 9.5v8a2.5 2.5 0 0 1-2.5 2.5h-13A2.5 2.5 0 0 1 3 17.5z" />
    </svg>
  );
}

export function PlusIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="m8 12.5 2.5 2.5L16 9.5" />
    </svg>
  );
}

export function AlertIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7.5v5.5M12 16.5v.01" />
    </svg>
  );
}

export function LockIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

/** Facet's mark: a cut gem, filled with the accent colour. */
export function FacetMark(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.5} {...props}>
      <path d="M7 3.5h10l4.5 6L12 21 2.5 9.5z" fill="currentColor" fillOpacity={0.14} />
      <path d="M2.5 9.5h19M12 21 8.5 9.5 12 3.5l3.5 6L12 21" />
    </svg>
  );
}

export function PauseIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2.25} {...props}>
      <path d="M9 6v12M15 6v12" />
    </svg>
  );
}

export function PlayIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <path d="M8 5.5v13l10.5-6.5z" fill="currentColor" />
    </svg>
  );
}

export function StopIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={2} {...props}>
      <rect x="6.5" y="6.5" width="11" height="11" rx="2" fill="currentColor" />
    </svg>
  );
}
