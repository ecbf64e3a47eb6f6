// Text from photos' names, label files and sidecars reaches the terminal: an ANSI escape in a label
// name must print as text, not recolour or rewrite the user's screen.

// C0 controls but tab and newline, DEL, and C1 controls (0x9B is a CSI on some terminals).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with each control character shown as an escape (`\x1b`), newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
