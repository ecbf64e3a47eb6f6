// Wires the IPC contract to the engine: every invoke channel is answered only for the app's own
// page, with arguments checked by contract-handlers; engine events are pushed to the window.
import {
  dialog,
  ipcMain,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
} from 'electron';
import type { InvokeChannel } from '../../preload/contract';
import type { EngineClient } from '../engine/engine-client';
import { ENGINE_INVOKE_CHANNELS, invokeEngine } from '../engine/contract-handlers';
import { isAppPage } from './pages';
import type { LibraryRoots } from './protocol';
import { log } from './log';

function assertAppSender(channel: InvokeChannel, event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null || !isAppPage(frame.url)) {
    log(`refused ${channel} from ${frame?.url ?? 'a closed frame'}`);
    throw new Error(`${channel} is only answered for the Facet window.`);
  }
}

export function registerIpc(
  engine: EngineClient,
  roots: LibraryRoots,
  currentWindow: () => BrowserWindow | null,
): void {
  const changesRoots: ReadonlySet<InvokeChannel> = new Set(['library:add', 'library:remove']);
  for (const channel of ENGINE_INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      assertAppSender(channel, event);
      try {
        return await invokeEngine(engine.api, channel, args);
      } finally {
        if (changesRoots.has(channel)) roots.refresh();
      }
    });
  }

  ipcMain.handle('dialog:choose-folders', async (event, ...args: unknown[]) => {
    assertAppSender('dialog:choose-folders', event);
    if (args.length > 0)
      throw new TypeError('Invalid call to dialog:choose-folders: it takes no arguments.');
    const window = currentWindow();
    const options: OpenDialogOptions = {
      title: 'Add photo folders',
      properties: ['openDirectory', 'multiSelections'],
    };
    const choice = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    return choice.canceled ? [] : choice.filePaths;
  });

  // Engine events are the contract's push channels: forwarded to the window as they are.
  engine.onEvent((channel, payload) => {
    const window = currentWindow();
    if (window !== null && !window.isDestroyed()) window.webContents.send(channel, payload);
  });
}
