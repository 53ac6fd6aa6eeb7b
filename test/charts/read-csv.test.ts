import test from 'ava';
import { parseCsv } from '../../sim/charts/read-csv.ts';
import { InputError } from '../../sim/errors.ts';

test('cells become numbers, null or strings', (t) => {
  const table = parseCsv('a,b,c\n1,,x\n-2.5e3,0.25,"7"\n', 'f.csv');
  t.deepEqual(table.columns, ['a', 'b', 'c']);
  t.deepEqual(table.rows, [
    { a: 1, b: null, c: 'x' },
    { a: -2500, b: 0.25, c: 7 },
  ]);
});

test('quoted fields keep commas, newlines and doubled quotes; CRLF is accepted', (t) => {
  const table = parseCsv('name,note\r\n"a,b","say ""hi""\nthere"\r\nc,d\r\n', 'f.csv');
  t.deepEqual(table.rows, [
    { name: 'a,b', note: 'say "hi"\nthere' },
    { name: 'c', note: 'd' },
  ]);
});

function errorOf(t: import('ava').ExecutionContext, text: string): InputError {
  const error = t.throws(() => parseCsv(text, 'dir/results.csv'), {
    instanceOf: InputError,
  });
  return error as InputError;
}

test('a row with the wrong number of fields names the file and its line', (t) => {
  const error = errorOf(t, 'a,b\n1,2\n\n3,4,5\n');
  t.is(error.where.file, 'dir/results.csv');
  t.is(error.where.line, 4);
  t.regex(error.message, /^dir\/results\.csv:4: /);
  t.regex(error.message, /expected 2 fields.*found 3/);
});

test('line numbers count newlines inside quoted fields', (t) => {
  const error = errorOf(t, 'a,b\n"x\ny",2\n3\n');
  t.is(error.where.line, 4);
});

test('an unclosed quote points at where it opened', (t) => {
  const error = errorOf(t, 'a,b\n1,2\n3,"oops\n4,5\n');
  t.is(error.where.line, 3);
  t.is(error.where.column, 3);
});

test('stray quotes and duplicate or empty header names are rejected', (t) => {
  t.is(errorOf(t, 'a,b\n1,x"y\n').where.line, 2);
  t.is(errorOf(t, 'a,b\n"1"2,3\n').where.line, 2);
  t.is(errorOf(t, 'a,a\n1,2\n').where.key, 'a');
  t.is(errorOf(t, 'a,,c\n1,2,3\n').where.column, 2);
  t.is(errorOf(t, '\n\n').where.line, 1);
});
