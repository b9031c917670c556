import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDelimited } from './tabular.js';

test('parseDelimited: quoted fields with delimiters, doubled quotes and line breaks; line numbers', () => {
  const text = 'a,b,c\n"x, y","say ""hi""",plain\n"two\nlines",,"end"\r\nlast,"unterminated\n';
  const rows = parseDelimited(text, ',');
  assert.deepEqual(
    rows.map((r) => r.cells),
    [
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'plain'],
      ['two\nlines', '', 'end'],
      ['last', 'unterminated\n'],
    ],
  );
  assert.deepEqual(rows.map((r) => r.line), [1, 2, 3, 5]);
  assert.deepEqual(parseDelimited('"q"x\ty\n', '\t')[0]!.cells, ['qx', 'y'], 'text after the closing quote is kept');
});
