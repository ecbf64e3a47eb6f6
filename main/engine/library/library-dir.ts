// Where the library lives when no --library is given: the same folder the desktop app uses.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The user-data folder the desktop app uses too: $FACET_HOME, else the OS's app-data folder. */
export function defaultLibraryDir(): string {
  const fromEnv = process.env['FACET_HOME'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const home = homedir();
  if (process.platform === 'win32')
    return join(process.env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Facet');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Facet');
  const config = process.env['XDG_CONFIG_HOME'];
  return join(config !== undefined && config !== '' ? config : join(home, '.config'), 'Facet');
}
