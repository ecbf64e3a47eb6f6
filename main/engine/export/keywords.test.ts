import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keywordsOf, labelsFromKeywords, planKeywords, SIDECAR_FIELDS } from './keywords';

test('shared ancestors are listed once in dc:subject; stray spaces and empty levels go', () => {
  const fields = keywordsOf(
    ['Animals/Bird/Heron', ' Animals / Bird/Duck ', 'Animals//Cat', ''],
    SIDECAR_FIELDS,
  );
  assert.deepEqual(fields.subject, ['Animals', 'Bird', 'Heron', 'Duck', 'Cat']);
  assert.deepEqual(fields.hierarchicalSubject, [
    'Animals|Bird|Heron',
    'Animals|Bird|Duck',
    'Animals|Cat',
  ]);
  assert.deepEqual(fields.tagsList, ['Animals/Bird/Heron', 'Animals/Bird/Duck', 'Animals/Cat']);
  assert.deepEqual(fields.iptcKeywords, [], 'IPTC is for originals only');
});

test('a keyword the user had before Facet wanted it is never claimed, so never removed', () => {
  const existing = { subject: ['Heron', 'Holiday'] };
  const first = planKeywords({
    existing,
    wanted: { subject: ['Bird', 'Heron'] },
    owned: {},
    fields: ['subject'],
  });
  assert.deepEqual(first.next.subject, ['Heron', 'Holiday', 'Bird']);
  assert.deepEqual(first.owned.subject, ['Bird']);
  const later = planKeywords({
    existing: { subject: first.next.subject },
    wanted: {},
    owned: first.owned,
    fields: ['subject'],
  });
  assert.deepEqual(later.next.subject, ['Heron', 'Holiday']);
  assert.deepEqual(later.changes, [{ field: 'subject', added: [], removed: ['Bird'] }]);
});

test('a keyword Facet wrote and the user deleted comes back while Facet still wants it', () => {
  const plan = planKeywords({
    existing: { subject: ['Holiday'] },
    wanted: { subject: ['Heron'] },
    owned: { subject: ['Heron'] },
    fields: ['subject'],
  });
  assert.deepEqual(plan.next.subject, ['Holiday', 'Heron']);
  assert.deepEqual(plan.owned.subject, ['Heron']);
});

test('import reads hierarchies from either app and keeps flat keywords that are no level of them', () => {
  assert.deepEqual(
    labelsFromKeywords({
      // Lightroom lists each ancestor on its own too.
      hierarchicalSubject: ['Animals', 'Animals|Bird', 'Animals|Bird|Heron'],
      tagsList: ['Places/Norway', 'Animals/Bird/Heron'],
      subject: ['Animals', 'Bird', 'Heron', 'Norway', 'Holiday', 'Places'],
      iptcKeywords: ['Holiday', 'sunset '],
    }),
    ['Animals/Bird/Heron', 'Places/Norway', 'Holiday', 'sunset'],
  );
});

test('a separator or backslash inside a level survives every path field and the way back', () => {
  const labels = ['Music/AC\\/DC', 'a|b', 'C:\\temp', 'ends with\\\\', 'x\\|y/z'];
  const fields = keywordsOf(labels, SIDECAR_FIELDS);
  for (const field of ['hierarchicalSubject', 'tagsList', 'lastKeywordXmp', 'catalogSets'] as const)
    assert.deepEqual(labelsFromKeywords({ [field]: fields[field] }), labels, field);
  // A plain backslash stays plain: only one before a separator or another backslash escapes.
  assert.deepEqual(fields.tagsList?.[2], 'C:\\temp');
  assert.deepEqual(fields.subject, [
    'Music',
    'AC/DC',
    'a|b',
    'C:\\temp',
    'ends with\\',
    'x\\|y',
    'z',
  ]);
});
