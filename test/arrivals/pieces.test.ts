/**
 * The small parts the importers stand on: the image hash, ISO-8601 times,
 * and the line and JSON-record splitters, whose output must not depend on
 * where the chunks of a file happen to break.
 */
import test from 'ava';
import fc from 'fast-check';
import { fnv1a32, hashedImage } from '../../models/arrivals/image-hash.ts';
import { parseIsoTimeSec } from '../../models/arrivals/iso-time.ts';
import { forEachJsonRecord } from '../../models/arrivals/json-records.ts';
import { forEachLine } from '../../models/arrivals/lines.ts';
import { stringSource } from '../../models/arrivals/text-source.ts';

test('FNV-1a 32-bit matches the published test vectors', (t) => {
  t.is(fnv1a32(''), 0x811c9dc5);
  t.is(fnv1a32('a'), 0xe40c292c);
  t.is(fnv1a32('foobar'), 0xbf9cf968);
  t.is(hashedImage('foobar', ['x', 'y', 'z']), ['x', 'y', 'z'][0xbf9cf968 % 3]);
});

test('ISO-8601 times agree with Date.UTC and refuse impossible dates', (t) => {
  // 2017-06-20T02:43:04Z is 1,497,926,584 s after the epoch.
  t.is(parseIsoTimeSec('2017-06-20T02:43:04Z'), 1_497_926_584);
  t.is(parseIsoTimeSec('2017-06-20T03:43:04.5+01:00'), 1_497_926_584.5);
  t.is(parseIsoTimeSec('2016-02-29T00:00:00Z'), Date.UTC(2016, 1, 29) / 1000);
  for (const bad of [
    '2017-02-29T00:00:00Z',
    '2017-06-20 02:43:04Z',
    '2017-06-20T02:43:04',
    '2017-13-01T00:00:00Z',
    '2017-06-20T24:00:00Z',
    '2017-06-20T02:60:00Z',
    '2017-06-20T02:43:04+24:00',
    '17-06-20T02:43:04Z',
    '',
  ]) {
    t.is(parseIsoTimeSec(bad), undefined, bad);
  }
  fc.assert(
    fc.property(
      fc.date({
        min: new Date(Date.UTC(1000, 0, 1)),
        max: new Date(Date.UTC(9999, 11, 31)),
        noInvalidDate: true,
      }),
      (d) => {
        return Math.abs(parseIsoTimeSec(d.toISOString())! - d.getTime() / 1000) < 1e-6;
      },
    ),
    { numRuns: 2000, seed: 7 },
  );
});

const collectLines = (text: string, chunk: number) => {
  const out: [string, number][] = [];
  forEachLine(stringSource('l.txt', text, chunk), (line, n) => out.push([line, n]));
  return out;
};

test('lines: numbered from 1, CR stripped, final break optional, chunking irrelevant', (t) => {
  t.deepEqual(collectLines('a\r\n\nb', 1), [
    ['a', 1],
    ['', 2],
    ['b', 3],
  ]);
  t.deepEqual(collectLines('a\n', 1), [['a', 1]]);
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', ',', '\n', '\r', 'é') }),
      fc.integer({ min: 1, max: 9 }),
      (text, chunk) => {
        const whole = collectLines(text, text.length + 1);
        return JSON.stringify(collectLines(text, chunk)) === JSON.stringify(whole);
      },
    ),
    { numRuns: 2000, seed: 11 },
  );
});

const collectRecords = (text: string, chunk: number) => {
  const out: unknown[] = [];
  forEachJsonRecord(stringSource('r.json', text, chunk), (value, at) =>
    out.push([value, at]),
  );
  return out;
};

test('JSON records: values and positions do not depend on chunk boundaries', (t) => {
  const text = '[\n {"a": "}\\"{[", "b": [1, {"c": null}]},\n\n  {"d": "\\\\"}  ]\n';
  t.deepEqual(collectRecords(text, 1000), [
    [
      { a: '}"{[', b: [1, { c: null }] },
      { index: 0, line: 2, column: 2 },
    ],
    [{ d: '\\' }, { index: 1, line: 4, column: 3 }],
  ]);
  for (let chunk = 1; chunk <= text.length; chunk++) {
    t.deepEqual(
      collectRecords(text, chunk),
      collectRecords(text, 1000),
      `chunks of ${chunk}`,
    );
  }
});
