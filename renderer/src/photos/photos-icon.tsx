import type { SVGProps } from 'react';

/** A photo frame with a mountain and a sun: the sidebar's Photos entry. */
export function PhotosViewIcon(props: SVGProps<SVGSVGElement> & { readonly className?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable={false}
      {...props}
    >
      <rect x="3" y="4.5" width="18" height="15" rx="2.5" />
      <circle cx="9" cy="10" r="1.75" />
      <path d="m3.5 17.5 5.5-4.5 4 3 3-2.5 4.5 4" />
    </svg>
  );
}
