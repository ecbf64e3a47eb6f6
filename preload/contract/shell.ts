// Calls the Electron shell answers, not the engine: they need a window or the desktop.
import { z } from 'zod';
import { defineService, none, returns } from './define-service';

// Any string: whether it is a photo of the library is main's answer (NOT_ALLOWED), not a schema's.
const photoPath = z.string().min(1).max(4096);

export const dialogService = defineService('dialog', {
  chooseFolders: {
    args: none,
    result: returns<readonly string[]>(),
    doc: 'Opens the native folder picker; resolves to the chosen folders, empty when cancelled.',
    answeredBy: 'shell',
  },
});

// Only ever for photos inside the library's folders: main checks the path against the roots.
export const shellService = defineService('shell', {
  showInFolder: {
    args: z.tuple([photoPath]),
    result: returns<void>(),
    doc: 'Shows a library photo in the system file manager.',
    answeredBy: 'shell',
  },
  openPath: {
    args: z.tuple([photoPath]),
    result: returns<void>(),
    doc: "Opens a library photo with the system's default app.",
    answeredBy: 'shell',
  },
});
