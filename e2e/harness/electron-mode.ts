// Electron mode: the built app itself, with a fresh user-data folder and library in it.
import { join } from 'node:path';
import { _electron, type Page } from 'playwright-core';
import { ELECTRON_MAIN, REPO_ROOT } from './modes';

export interface ElectronSession {
  readonly page: Page;
  readonly url: null;
  chooseFolders(paths: readonly string[]): Promise<void>;
  /** Not recorded: Electron's shell really shows the file. */
  shellRequests(): Promise<null>;
  close(): Promise<void>;
}

export async function launchElectronSession(
  binary: string,
  userDataDir: string,
): Promise<ElectronSession> {
  const app = await _electron.launch({
    executablePath: binary,
    // Same layout as browser mode: Chromium's profile in the folder, the library in library/.
    args: [
      ELECTRON_MAIN,
      `--user-data-dir=${userDataDir}`,
      `--library=${join(userDataDir, 'library')}`,
    ],
    cwd: REPO_ROOT,
    env: { ...process.env, FACET_HOME: join(userDataDir, 'library') },
  });
  try {
    const page = await app.firstWindow();
    return {
      page,
      url: null,
      async chooseFolders(paths) {
        // Stands in for the native picker: main's handler calls dialog.showOpenDialog.
        await app.evaluate(({ dialog }, chosen) => {
          const answer = { canceled: chosen.length === 0, filePaths: [...chosen] };
          dialog.showOpenDialog = (async () => answer) as typeof dialog.showOpenDialog;
        }, paths);
      },
      shellRequests: async () => null,
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
