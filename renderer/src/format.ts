// Words and numbers as the user reads them in the library view and the status bar.

const counts = new Intl.NumberFormat();

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${counts.format(n)} ${n === 1 ? singular : plural}`;
}

/** Last segment of a folder path, on any OS. */
export function folderName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((part) => part.length > 0);
  return parts.at(-1) ?? path;
}

export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function formatRate(filesPerSecond: number): string | null {
  if (!(filesPerSecond > 0)) return null;
  const digits = filesPerSecond < 10 ? 1 : 0;
  return `${filesPerSecond.toFixed(digits)} photos/s`;
}

const GPU_PROVIDERS: Readonly<Record<string, string>> = {
  webgpu: 'WebGPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
};

/** "CPU", or "GPU · CUDA" and the like; null until a model is loaded. */
export function deviceLabel(device: string | null): string | null {
  if (device === null) return null;
  const key = device.toLowerCase();
  if (key === 'cpu') return 'CPU';
  return `GPU · ${GPU_PROVIDERS[key] ?? device}`;
}

export function percent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
