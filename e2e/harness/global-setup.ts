// Checks the build the specs run against and says, once, which mode they run in.
import { existsSync } from 'node:fs';
import { ELECTRON_MAIN, RENDERER_DIR, findElectron } from './modes';

export default function globalSetup(): void {
  if (!existsSync(`${RENDERER_DIR}/index.html`)) {
    throw new Error(`${RENDERER_DIR} is missing: build first (npx electron-vite build).`);
  }
  const electron = findElectron();
  if (!electron.available) {
    const why =
      process.env.FACET_E2E_MODE === 'browser'
        ? 'FACET_E2E_MODE=browser'
        : 'no Electron binary installed';
    console.log(
      `Electron mode skipped: ${why} (${electron.reason}); running every spec in browser mode`,
    );
    return;
  }
  if (!existsSync(ELECTRON_MAIN)) {
    throw new Error(`${ELECTRON_MAIN} is missing: build first (npx electron-vite build).`);
  }
  console.log(`Electron mode: ${electron.binary}`);
}
