// The reason an engine call failed, in the engine's own words.

export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Electron prefixes errors crossing IPC with where they came from; the user needs the reason.
  return text.replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, '');
}
