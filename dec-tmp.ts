import { decodeImage } from './native/image-preprocess';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
async function main() {
  sharp.cache(false); sharp.concurrency(1);
  const spec = { size: 224, interpolation: 'bicubic', resizeMode: 'shortest', mean: [0.5,0.5,0.5], std: [0.5,0.5,0.5], fillColor: [0,0,0], channelOrder: 'RGB' } as const;
  const t = performance.now();
  const p = process.argv[2]!;
  const r = await decodeImage(p, spec as any).catch(e => e.message);
  console.log(p, typeof r === 'string' ? r : r.format, (performance.now()-t).toFixed(0),'ms');
}
void main();
