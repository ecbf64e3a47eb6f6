// Wires the IPC contract to the engine: every invoke channel is answered only for the app's own
// page, with arguments checked by contract-handlers; engine events are pushed to the window.
// Every channel answers with a CallOutcome: Electron would turn a thrown error into its message
// behind "Error invoking remote method ...", losing the code.
import {
  dialog,
  shell,
  ipcMain,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
} from 'electron';
import type { InvokeChannel } from '../../preload/contract';
import type { EngineClient } from '../engine/host/engine-client';
import {
  checkedArgs,
  ENGINE_INVOKE_CHANNELS,
  invokeEngine,
  type ShellChannel,
} from '../engine/contract-handlers';
import { callOutcome, engineError } from '../engine/engine-error';
import { resolveLibraryPhoto } from '../engine/media-guard';
import { invokeRepair, REPAIR_CHANNEL } from '../engine/host/repair-channel';
import { isAppPage } from './pages';
import type { LibraryRoots } from './protocol';
import { log } from './log';

function assertAppSender(channel: InvokeChannel, event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null || !isAppPage(frame.url)) {
    log(`refused ${channel} from ${frame?.url ?? 'a closed frame'}`);
    throw engineError('NOT_ALLOWED', `${channel} is only answered for the Facet window.`);
  }
}

export function registerIpc(
  engine: EngineClient,
  roots: LibraryRoots,
  currentWindow: () => BrowserWindow | null,
): void {
  const changesRoots: ReadonlySet<InvokeChannel> = new Set(['library:add', 'library:remove']);
  for (const channel of ENGINE_INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      callOutcome(async () => {
        assertAppSender(channel, event);
        try {
          return await invokeEngine(engine.api, channel, args);
        } finally {
          if (changesRoots.has(channel)) roots.refresh();
        }
      }),
    );
  }

  ipcMain.handle(REPAIR_CHANNEL, (event, ...args: unknown[]) =>
    callOutcome(async () => {
      assertAppSender(REPAIR_CHANNEL, event);
      try {
        return await invokeRepair(engine, args);
      } finally {
        roots.refresh(); // the repaired library may know fewer folders
      }
    }),
  );

  ipcMain.handle('dialog:chooseFolders', (event, ...args: unknown[]) =>
    callOutcome(async () => {
      assertAppSender('dialog:chooseFolders', event);
      checkedArgs('dialog:chooseFolders', args);
      const window = currentWindow();
      const options: OpenDialogOptions = {
        title: 'Add photo folders',
        properties: ['openDirectory', 'multiSelections'],
      };
      const choice = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return choice.canceled ? [] : choice.filePaths;
    }),
  );

  // The file manager and the default app, only ever for photos inside the library's folders.
  const desktop: Record<
    Exclude<ShellChannel, 'dialog:chooseFolders'>,
    (path: string) => Promise<void>
  > = {
    'shell:showInFolder': async (path: string) => shell.showItemInFolder(path),
    'shell:openPath': async (path: string) => {
      const failure = await shell.openPath(path);
      if (failure !== '') throw new Error(failure);
    },
  };
  for (const [channel, act] of Object.entries(desktop) as [
    keyof typeof desktop,
    (path: string) => Promise<void>,
  ][]) {
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      callOutcome(async () => {
        assertAppSender(channel, event);
        const [path] = checkedArgs(channel, args);
        const access = await resolveLibraryPhoto(path, await engine.api.library.roots());
        if (!access.ok)
          throw engineError('NOT_ALLOWED', `${channel} answers only for photos of the library.`);
        await act(access.path);
      }),
    );
  }

  // Engine events are the contract's push channels: forwarded to the window as they are.
  engine.onEvent((channel, payload) => {
    const window = currentWindow();
    if (window !== null && !window.isDestroyed()) window.webContents.send(channel, payload);
  });
}
