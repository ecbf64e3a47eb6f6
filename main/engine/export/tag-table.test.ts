import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PhotoTag } from '../labels/tags';
import { tagsCsv } from './tag-table';

const tag = (label: string, score: number | null): PhotoTag => ({
  label,
  labelSetId: 1,
  labelSetName: 'Things',
  score,
  state: 'confirmed',
});

/** A CSV line's cells (no quoted commas in these rows). */
const cells = (line: string) => line.split(',');

test('scores stay numbers a spreadsheet can sum; only text is guarded against formulas', () => {
  const { text, rows } = tagsCsv([
    {
      path: '/photos/a.jpg',
      tags: [
        tag('Heron', 0.9731234567),
        tag('=HYPERLINK("x")', 0.0000004),
        tag('-5 degrees', 0.5),
        tag('@home', null),
      ],
    },
  ]);
  assert.equal(rows, 4);
  const lines = text.trimEnd().split('\r\n').slice(1);
  assert.deepEqual(
    lines.map((line) => cells(line).at(-1)),
    ['0.973123', '0', '0.5', ''],
  );
  for (const line of lines.slice(0, 3)) {
    const score = Number(cells(line).at(-1));
    assert.ok(score >= 0 && score <= 1, `a probability: ${line}`);
  }
  assert.equal(cells(lines[1] as string)[1], `"'=HYPERLINK(""x"")"`);
  assert.equal(cells(lines[2] as string)[1], "'-5 degrees");
  assert.equal(cells(lines[3] as string)[1], "'@home");
});
