// The sidebar icon of the Clusters view: three groups of dots.
import type { SVGProps } from 'react';

export function ClustersIcon(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      fill="currentColor"
      stroke="none"
      aria-hidden
      focusable={false}
      {...props}
    >
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
