// The engine host's output, in the app's log whichever process hosts it (a Node child for the
// command line and the tests, Electron's utility process for the app).

/** Forwards a stream's output line by line, so host output stays readable among the parent's. */
export function forwardLines(
  stream: NodeJS.ReadableStream | null,
  log: (line: string) => void,
): void {
  if (stream === null) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (buffered + chunk).split(/\r?\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line !== '') log(`engine host: ${line}`);
  });
  stream.on('end', () => {
    if (buffered !== '') log(`engine host: ${buffered}`);
  });
}
