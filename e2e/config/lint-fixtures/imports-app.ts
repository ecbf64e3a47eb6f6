import { registerIpc } from '../app/ipc';
import { startDesktopEngine } from '../../main/app/engine-process';

export const shell = [registerIpc.name, startDesktopEngine.name];
