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

// The sidebar's view icons, one per view.

/** A photo frame with a mountain and a sun: the sidebar's Photos entry. */
export function PhotosViewIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <rect x="3" y="4.5" width="18" height="15" rx="2.5" />
      <circle cx="9" cy="10" r="1.75" />
      <path d="m3.5 17.5 5.5-4.5 4 3 3-2.5 4.5 4" />
    </svg>
  );
}

/** A price tag: the sidebar icon of the Labels view. */
export function LabelsIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <path d="M3.5 12.3V5a1.5 1.5 0 0 1 1.5-1.5h7.3a1.5 1.5 0 0 1 1.06.44l7.2 7.2a1.5 1.5 0 0 1 0 2.12l-7.3 7.3a1.5 1.5 0 0 1-2.12 0l-7.2-7.2a1.5 1.5 0 0 1-.44-1.06z" />
      <circle cx="8.5" cy="8.5" r="1.5" />
    </svg>
  );
}

/** Three groups of dots: the sidebar icon of the Clusters view. */
export function ClustersIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" fill="currentColor" stroke="none" {...props}>
      <circle cx="6" cy="7" r="2" />
      <circle cx="9.5" cy="5" r="1.5" />
      <circle cx="8.5" cy="9.5" r="1.5" />
      <circle cx="17" cy="8" r="2" />
      <circle cx="19" cy="11.5" r="1.5" />
      <circle cx="11" cy="17" r="2" />
      <circle cx="14.5" cy="18.5" r="1.5" />
      <circle cx="12.5" cy="14" r="1.5" />
    </svg>
  );
}

/** A tag leaving a box, for tags written out to other apps: the sidebar icon of the Export view. */
export function ExportIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <path d="M14 4h6v6" />
      <path d="M20 4l-8.5 8.5" />
      <path d="M18 14v4a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4" />
    </svg>
  );
}

/** A chip, for the model that runs on it: the sidebar icon of the Models view. */
export function ModelsIcon(props: IconProps) {
  return (
    <svg {...base} viewBox="0 0 24 24" strokeWidth={1.75} {...props}>
      <rect x="6" y="6" width="12" height="12" rx="2" />
      <rect x="9.5" y="9.5" width="5" height="5" rx="1" fill="currentColor" fillOpacity={0.15} />
      <path d="M9 3v3M15 3v3M9 18v3M15 18v3M3 9h3M3 15h3M18 9h3M18 15h3" />
    </svg>
  );
}
