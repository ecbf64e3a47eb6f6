import electron, { ipcMain, type BrowserWindow } from 'electron';

export function wire(window: BrowserWindow, webContents: BrowserWindow['webContents']): void {
  ipcMain.handle('photos:delete', () => null);
  const { ipcRenderer } = electron;
  void ipcRenderer;
  window.webContents.send('photos:deleted', 1);
  webContents.send('photos:deleted', 2);
}
