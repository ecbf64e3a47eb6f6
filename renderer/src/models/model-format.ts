// Sizes, speeds and hardware as the Models screen words them.
import type { HardwareSummary, ModelDownloadProgress } from '../../../preload/contract/models';
import { formatEta } from '../format';

export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  if (mb >= 10) return `${Math.round(mb)} MB`;
  if (mb >= 1) return `${mb.toFixed(1)} MB`;
  if (bytes < 1024) return `${bytes} bytes`;
  return `${Math.round(bytes / 1024)} kB`;
}

export function formatDownload(progress: ModelDownloadProgress): string {
  if (progress.state === 'verifying') return 'Checking the files and loading the model…';
  const parts = [
    progress.totalBytes === null
      ? formatBytes(progress.receivedBytes)
      : `${formatBytes(progress.receivedBytes)} of ${formatBytes(progress.totalBytes)}`,
  ];
  if (progress.bytesPerSecond > 0) parts.push(`${formatBytes(progress.bytesPerSecond)}/s`);
  const eta = formatEta(progress.etaSeconds);
  if (eta !== null && progress.receivedBytes > 0) parts.push(eta);
  return parts.join(' · ');
}

const GPU_NAMES: Readonly<Record<string, string>> = {
  webgpu: 'WebGPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
};

export function describeHardware(hardware: HardwareSummary): string {
  const gpu =
    hardware.gpu === null ? 'no usable GPU' : `GPU via ${GPU_NAMES[hardware.gpu] ?? hardware.gpu}`;
  return `${gpu} · ${Math.round(hardware.memoryMiB / 1024)} GB memory · ${hardware.cores} cores`;
}

export const SPEED_WORDS: Readonly<Record<string, string>> = {
  fastest: 'Fastest',
  fast: 'Fast',
  medium: 'Medium',
  slow: 'Slow',
  'very slow': 'Very slow',
};
