// The sizes and schemes every view is looked at in: a laptop and a small window, light and dark.
import type { FacetApp } from './app';

export const SCREENSHOT_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/**
 * Saves what is on screen at both sizes, light and dark, as `<name>-<w>x<h>-<scheme>.png`, then
 * returns to light at 1440x900. `settle` runs after each change (a redraw to wait for).
 */
export async function screenshotsAtSizes(
  app: FacetApp,
  name: string,
  settle?: () => Promise<void>,
): Promise<void> {
  for (const size of SCREENSHOT_SIZES)
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.setViewportSize(size);
      await app.page.emulateMedia({ colorScheme: scheme });
      await settle?.();
      await app.screenshot(`${name}-${size.width}x${size.height}-${scheme}`);
    }
  await app.page.setViewportSize(SCREENSHOT_SIZES[0]);
  await app.page.emulateMedia({ colorScheme: 'light' });
}
