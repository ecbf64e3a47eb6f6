// The main process writes its log to stderr, where the terminal or the OS's app log picks it up.
export function log(line: string): void {
  process.stderr.write(`[facet] ${line}\n`);
}
