// The plain pass the search benchmark measures its floor with must read every byte it is given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInt8Kernel } from './int8-kernel';

test('pass reads every 16-byte block once (its checksum is their xor)', () => {
  const kernel = createInt8Kernel(4096);
  const words = new Int32Array(kernel.memory.buffer, 0, 1024);
  for (let i = 0; i < words.length; i++) words[i] = Math.imul(i + 1, 0x9e3779b1);
  // Lane 0 of the xor of the blocks from byte 64 up to byte 64 + 2048.
  let expected = 0;
  for (let word = 16; word < 16 + 512; word += 4) expected ^= words[word] as number;
  assert.equal(kernel.pass(64, 2048), expected);
  assert.equal(kernel.pass(64, 0), 0, 'nothing to read');
  words[16 + 508] = (words[16 + 508] as number) ^ 1; // the last block counts too
  assert.equal(kernel.pass(64, 2048), expected ^ 1);
});
