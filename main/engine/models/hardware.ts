// What this computer offers a CLIP model, and which catalog model to suggest for it.
import { availableParallelism, totalmem } from 'node:os';
import type { HardwareSummary } from '../../../preload/contract/models';
import { loadClipModel } from '../clip/index';
import type { Catalog } from './catalog';

const MIB = 1024 * 1024;

/** Opens the tiny demo model on the best device: a GPU counts only once it ran a warm-up batch. */
export async function detectHardware(demoModelDir: string): Promise<HardwareSummary> {
  let gpu: string | null = null;
  let note: string | null;
  try {
    const model = await loadClipModel(demoModelDir, { device: 'auto', decoders: 1 });
    gpu = model.device === 'cpu' ? null : model.device;
    note = model.deviceNote;
    await model.close();
  } catch (error) {
    note = `The device check failed: ${(error as Error).message}`;
  }
  return {
    gpu,
    note,
    memoryMiB: Math.round(totalmem() / MIB),
    cores: availableParallelism(),
  };
}

const GPU_NAMES: Readonly<Record<string, string>> = {
  webgpu: 'WebGPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'Core ML',
};

function gib(mib: number): string {
  return `${Math.round(mib / 1024)} GB`;
}

/** A GPU and plenty of memory get a large model; a CPU gets the fast ViT-B/32. */
export function recommendModel(
  catalog: Catalog,
  hardware: HardwareSummary,
): { name: string; reason: string } {
  const memory = gib(hardware.memoryMiB);
  if (hardware.gpu !== null) {
    const device = GPU_NAMES[hardware.gpu] ?? hardware.gpu;
    if (hardware.memoryMiB >= 16 * 1024)
      return {
        name: catalog.recommended.gpuLarge,
        reason: `Your GPU works (${device}) and this computer has ${memory} of memory: a large model gives the best tags. For the reference ConvNeXt-XXLarge, export it and import the folder.`,
      };
    return {
      name: catalog.recommended.gpu,
      reason: `Your GPU works (${device}): this model is accurate and still quick.`,
    };
  }
  if (hardware.memoryMiB >= 8 * 1024)
    return {
      name: catalog.recommended.cpu,
      reason: `No usable GPU was found, so photos are embedded on the CPU (${hardware.cores} cores, ${memory} of memory): this small model is fast there and searches well.`,
    };
  return {
    name: catalog.recommended.cpuLowMemory,
    reason: `No usable GPU was found and this computer has ${memory} of memory: the smallest model fits best.`,
  };
}
