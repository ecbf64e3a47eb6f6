import { app } from 'electron';
import { ipcMain } from 'electron/main';

export const appName = (): string => app.getName() + String(ipcMain.listenerCount('x'));
