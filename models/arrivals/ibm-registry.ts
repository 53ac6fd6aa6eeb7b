/**
 * Container starts from the IBM Cloud container registry traces (Anwar et
 * al., FAST '18): each file is one JSON array of request records with
 * `timestamp` (ISO-8601), `http.request.method`, `http.request.uri`
 * (`v2/<repo>/manifests/<ref>` or `v2/<repo>/blobs/<digest>`),
 * `http.response.written` (bytes), `http.request.duration` and
 * `http.request.remoteaddr`. Keys may be flat (`"http.request.uri"`, as in
 * the released files) or nested (`{"http": {"request": {...}}}`).
 *
 * - A GET of a manifest is a pull: one container start at its timestamp
 *   minus the earliest timestamp of any record in the file (the first one,
 *   when the file is in time order). A manifest GET that wrote 0 bytes
 *   (an error or a cache revalidation) is counted but starts nothing.
 * - Blob GETs, PUTs and any other request are counted, never started: a
 *   start pulls its layers through the simulated driver instead.
 * - Image: a repository named like a workload image (also after dropping a
 *   leading `library/`) runs that image; any other maps by `hashedImage`.
 *
 * Known shortcoming: `http.request.remoteaddr` is not used, so the pulls of
 * one client go to the crowd's workers in turn rather than to one worker,
 * and a client pulling the same image twice does not find it cached.
 */
import { InputError } from '../../sim/errors.ts';
import { byStartTime, type Arrival, type ArrivalList } from './arrival.ts';
import { hashedImage } from './image-hash.ts';
import { parseIsoTimeSec } from './iso-time.ts';
import { forEachJsonRecord, type JsonRecordPosition } from './json-records.ts';
import type { IbmRegistryArrivalsConfig } from '../scenario/config.ts';
import type { TextSource } from './text-source.ts';

/** The scenario's `ibm-registry` arrivals, without the pattern and file. */
export type IbmRegistryOptions = Omit<IbmRegistryArrivalsConfig, 'pattern' | 'file'>;

type Kind = 'manifests' | 'blobs';

/** Where a request points: its repository and whether it asks for a manifest or a blob. */
export interface RegistryTarget {
  repo: string;
  kind: Kind;
}

/** Reads an IBM registry trace into container starts. */
export function readIbmRegistry(
  source: TextSource,
  options: IbmRegistryOptions,
  images: readonly string[],
): ArrivalList {
  const file = source.name;
  const counts = {
    records: 0,
    manifest_gets: 0,
    empty_manifest_gets: 0,
    blob_gets: 0,
    blob_bytes: 0,
    put_requests: 0,
    other_requests: 0,
    outside_window: 0,
  };
  const pullSec: number[] = [];
  const pullRepo: string[] = [];
  let originSec = Infinity;

  // 1. Read every record; keep the time and repository of each pull.
  forEachJsonRecord(source, (record, at) => {
    counts.records += 1;
    const timeSec = readTime(record, at, file);
    originSec = Math.min(originSec, timeSec);
    const method = readString(record, 'http.request.method', at, file).toUpperCase();
    const target = parseRegistryUri(readString(record, 'http.request.uri', at, file));
    const written = readWritten(record, at, file);
    if (method === 'PUT') counts.put_requests += 1;
    else if (method !== 'GET' || !target) counts.other_requests += 1;
    else if (target.kind === 'blobs') {
      counts.blob_gets += 1;
      counts.blob_bytes += written ?? 0;
    } else if (written === 0) counts.empty_manifest_gets += 1;
    else {
      counts.manifest_gets += 1;
      if (counts.manifest_gets > options.maxStarts) {
        const where = { file, line: at.line, key: 'max_starts' };
        throw new InputError('too many container starts', where, {
          expected:
            `at most ${options.maxStarts} manifest GETs ` +
            '(raise max_starts or split the file)',
          found: `more than ${options.maxStarts} by record ${at.index}`,
        });
      }
      pullSec.push(timeSec);
      pullRepo.push(target.repo);
    }
  });

  // 2. Place the pulls on the run's clock and map repositories to images.
  const [from, to] = options.windowSec ?? [0, Infinity];
  const imageOf = repoMapper(images);
  const arrivals: Arrival[] = [];
  pullSec.forEach((timeSec, i) => {
    const sinceFirstSec = timeSec - originSec;
    if (sinceFirstSec < from || sinceFirstSec > to) {
      counts.outside_window += 1;
      return;
    }
    arrivals.push({ startSec: sinceFirstSec - from, image: imageOf(pullRepo[i]!) });
  });
  const starts = arrivals.length;
  return { arrivals: byStartTime(arrivals), counts: { ...counts, starts } };
}

/**
 * The repository and object kind of a registry API path such as
 * `v2/team/app/manifests/latest` (a leading `/` is allowed); `undefined` for
 * any other path (`v2/`, `v2/_catalog`, tag lists, `blobs/uploads/...`).
 */
export function parseRegistryUri(uri: string): RegistryTarget | undefined {
  const path = uri.startsWith('/') ? uri.slice(1) : uri;
  if (!path.startsWith('v2/')) return undefined;
  for (const kind of ['manifests', 'blobs'] as const) {
    const marker = `/${kind}/`;
    const at = path.lastIndexOf(marker);
    if (at > 3 && at + marker.length < path.length) {
      const ref = path.slice(at + marker.length);
      // blobs/uploads/<id> is the upload protocol, not a blob.
      const upload = ref === 'uploads' || ref.startsWith('uploads/');
      if (kind === 'blobs' && upload) return undefined;
      return { repo: path.slice(3, at), kind };
    }
  }
  return undefined;
}

function repoMapper(images: readonly string[]): (repo: string) => string {
  const known = new Set(images);
  const cache = new Map<string, string>();
  return (repo) => {
    let image = cache.get(repo);
    if (image === undefined) {
      const bare = repo.startsWith('library/') ? repo.slice('library/'.length) : repo;
      image = known.has(repo) ? repo : known.has(bare) ? bare : hashedImage(repo, images);
      cache.set(repo, image);
    }
    return image;
  };
}

/** A field by its dotted name: the flat key if present, else the nested path. */
function field(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  let node: unknown = record;
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node))
      return undefined;
    if (!Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function where(at: JsonRecordPosition, file: string, name: string) {
  return { file, line: at.line, column: at.column, key: `record ${at.index}: ${name}` };
}

type Fields = Record<string, unknown>;

function readTime(record: Fields, at: JsonRecordPosition, file: string): number {
  const value = field(record, 'timestamp');
  const sec = typeof value === 'string' ? parseIsoTimeSec(value) : undefined;
  if (sec === undefined) {
    throw new InputError('', where(at, file, 'timestamp'), {
      expected: 'an ISO-8601 date-time such as "2017-06-20T02:43:04.123Z"',
      found: describe(value),
    });
  }
  return sec;
}

function readString(
  record: Fields,
  name: string,
  at: JsonRecordPosition,
  file: string,
): string {
  const value = field(record, name);
  if (typeof value !== 'string') {
    throw new InputError('', where(at, file, name), {
      expected: 'a string',
      found: describe(value),
    });
  }
  return value;
}

function readWritten(
  record: Fields,
  at: JsonRecordPosition,
  file: string,
): number | undefined {
  const value = field(record, 'http.response.written');
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError('', where(at, file, 'http.response.written'), {
      expected: 'a byte count >= 0',
      found: describe(value),
    });
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'no such field';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}
