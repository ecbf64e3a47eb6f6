import { app } from 'electron';
import { dialog } from 'electron/main';

export const appName = (): string => app.getName() + String(typeof dialog.showOpenDialog);
