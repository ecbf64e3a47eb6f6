// Wires the IPC contract to the engine: every invoke channel is answered only for the app's own
// page, with arguments checked by contract-handlers; engine events are pushed to the window.
import {
  dialog,
  ipcMain,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
} from 'electron';
import type { EventChannel, EventChannels, InvokeChannel } from '../../preload/contract';
import type { EngineEvents } from '../engine/engine-api';
import type { EngineClient } from '../engine/engine-client';
import { createInvokeHandlers, type EngineInvokeChannel } from '../engine/contract-handlers';
import { isAppPage } from './pages';
import type { LibraryRoots } from './protocol';
import { log } from './log';

/** Which push channel carries which engine event. */
const EVENT_CHANNELS = {
  status: 'engine:status',
  progress: 'index:progress',
} as const satisfies { [E in keyof EngineEvents]: EventChannel };

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
  const handlers = createInvokeHandlers(engine.api);
  const changesRoots: ReadonlySet<InvokeChannel> = new Set(['library:add', 'library:remove']);
  for (const channel of Object.keys(handlers) as EngineInvokeChannel[]) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      assertAppSender(channel, event);
      try {
        return await handlers[channel](args);
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

  const push = <C extends EventChannel>(channel: C, payload: EventChannels[C]) => {
    const window = currentWindow();
    if (window !== null && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  engine.on('status', (status) => push(EVENT_CHANNELS.status, status));
  engine.on('progress', (progress) => push(EVENT_CHANNELS.progress, progress));
}
