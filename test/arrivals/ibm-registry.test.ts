/**
 * The IBM registry importer on scenarios/fixtures/arrivals/ibm-tiny.json,
 * computed by hand. Records in file order (times are 02:43:ss UTC):
 *
 *   0  04.000  GET  library/redis manifest, 1570 B   -> pull
 *   1  04.500  GET  library/redis blob, 1 MiB        -> blob GET
 *   2  03.750  PUT  team7/builder blob upload        -> PUT (earliest record: time 0)
 *   3  06.250  GET  team7/builder manifest, 2048 B   -> pull
 *   4  07.000  GET  team7/builder manifest, 0 B      -> empty, no start
 *   5  09.000  GET  busybox manifest (written as 03:43:09+01:00) -> pull
 *   6  09.500  HEAD busybox manifest                 -> other
 *   7  10.000  GET  v2/_catalog                      -> other
 *
 * Pulls at 04.000 - 03.750 = 0.25 s (redis: "library/" dropped), 2.5 s
 * (team7/builder: hashed) and 5.25 s (busybox: its own name).
 */
import test from 'ava';
import { hashedImage } from '../../models/arrivals/image-hash.ts';
import {
  parseRegistryUri,
  readIbmRegistry,
  type IbmRegistryOptions,
} from '../../models/arrivals/ibm-registry.ts';
import { fileSource, stringSource } from '../../models/arrivals/text-source.ts';
import { InputError } from '../../sim/errors.ts';
import { fixture, IMAGES } from './helpers.ts';

const TINY = fixture('ibm-tiny.json');
const read = (options: Partial<IbmRegistryOptions> = {}) =>
  readIbmRegistry(fileSource(TINY), { maxStarts: 1e6, ...options }, IMAGES);
const builder = hashedImage('team7/builder', IMAGES);

test('manifest GETs become starts relative to the earliest record', (t) => {
  const list = read();
  t.deepEqual(list.arrivals, [
    { startSec: 0.25, image: 'redis' },
    { startSec: 2.5, image: builder },
    { startSec: 5.25, image: 'busybox' },
  ]);
  t.deepEqual(list.counts, {
    records: 8,
    manifest_gets: 3,
    empty_manifest_gets: 1,
    blob_gets: 1,
    blob_bytes: 1_048_576,
    put_requests: 1,
    other_requests: 2,
    outside_window: 0,
    starts: 3,
  });
});

test('window [1 s, 6 s]: pulls inside it, shifted so that 1 s becomes 0', (t) => {
  const list = read({ windowSec: [1, 6] });
  t.deepEqual(list.arrivals, [
    { startSec: 1.5, image: builder },
    { startSec: 4.25, image: 'busybox' },
  ]);
  t.is(list.counts.outside_window, 1);
});

test('max_starts counts manifest GETs as they are read', (t) => {
  const error = t.throws(() => read({ maxStarts: 2 }), { instanceOf: InputError })!;
  // The third pull is record 5, on line 7 of the file.
  t.like(error.where, { file: TINY, line: 7, key: 'max_starts' });
});

test('nested keys read like flat ones; other fields are ignored', (t) => {
  const nested = JSON.stringify([
    {
      timestamp: '2017-06-20T00:00:00Z',
      http: { request: { method: 'get', uri: 'v2/a/b/manifests/x' } },
      extra: [1, { z: '}' }],
    },
    {
      timestamp: '2017-06-20T00:00:01.5Z',
      http: {
        request: { method: 'GET', uri: 'v2/redis/manifests/7' },
        response: { written: 9 },
      },
    },
  ]);
  const list = readIbmRegistry(
    stringSource('n.json', nested, 7),
    { maxStarts: 10 },
    IMAGES,
  );
  t.deepEqual(list.arrivals, [
    { startSec: 0, image: hashedImage('a/b', IMAGES) },
    { startSec: 1.5, image: 'redis' },
  ]);
});

test('registry paths: repository with slashes, manifests and blobs, anything else', (t) => {
  t.deepEqual(parseRegistryUri('v2/team/app/manifests/latest'), {
    repo: 'team/app',
    kind: 'manifests',
  });
  t.deepEqual(parseRegistryUri('/v2/x/blobs/sha256:00'), { repo: 'x', kind: 'blobs' });
  t.deepEqual(parseRegistryUri('v2/odd/blobs/name/manifests/1'), {
    repo: 'odd/blobs/name',
    kind: 'manifests',
  });
  const others = [
    'v2/',
    'v2/_catalog',
    'v2/x/tags/list',
    'v2/x/manifests/',
    'v2//manifests/1',
    'v1/x/manifests/1',
    'v2/x/blobs/uploads/5f',
  ];
  for (const other of others) t.is(parseRegistryUri(other), undefined, other);
});

function refusal(text: string): InputError {
  try {
    readIbmRegistry(stringSource('bad.json', text, 3), { maxStarts: 10 }, IMAGES);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const ok =
  '{"timestamp":"2017-06-20T00:00:00Z","http.request.method":"GET","http.request.uri":"v2/a/manifests/1"}';

test('errors name the file, line, column and record', (t) => {
  t.like(refusal('').where, { file: 'bad.json', key: 'record 0' });
  t.like(refusal('{"a": 1}').where, { line: 1, column: 1 });
  t.like(refusal(`[\n${ok},\n  {"timestamp": 5}\n]`).where, {
    line: 3,
    column: 3,
    key: 'record 1: timestamp',
  });
  t.like(refusal(`[${ok}, ${ok.replace('00:00:00Z', '24:00:00Z')}]`).where, {
    key: 'record 1: timestamp',
  });
  t.like(refusal(`[${ok.replace('"GET"', '7')}]`).where, {
    key: 'record 0: http.request.method',
  });
  t.like(refusal(`[${ok.replace('}', ',"http.response.written":-1}')}]`).where, {
    key: 'record 0: http.response.written',
  });
  t.like(refusal(`[${ok}\n,\n{"timestamp": }]`).where, { line: 3, key: 'record 1' });
  t.like(
    refusal(`[${ok},\n${ok}`).where,
    { key: 'record 2' },
    'cut short after record 1',
  );
  t.like(refusal(`[${ok}] x`).where, { line: 1 });
  t.like(refusal(`[${ok}, 3]`).where, { key: 'record 1' });
  t.like(refusal(`[${ok},]`).where, { key: 'record 1' });
  t.like(refusal(`[{${'['.repeat(100)}}]`).where, { key: 'record 0' });
  t.regex(
    refusal(`[\n${ok},\n  {"timestamp": 5}\n]`).message,
    /^bad\.json:3:3: record 1: timestamp: expected an ISO-8601/,
  );
});

test('an empty array gives no starts', (t) => {
  t.deepEqual(
    readIbmRegistry(stringSource('e.json', ' [ \n ] \n'), { maxStarts: 1 }, IMAGES)
      .arrivals,
    [],
  );
});
