/**
 * The synthetic HelloBench catalogue: the 57 images of the benchmark with
 * layer stacks, file tables and startup behaviour drawn from the documented
 * distributions in `profiles.ts` and `families.ts`. Deterministic per seed:
 * each image and each base family draws from its own named random stream.
 */
import { readFileSync } from 'node:fs';
import { RandomStream, RandomStreams } from '../../sim/engine/random.ts';
import type { FileEntry, Image, Layer, StartupOp } from '../image.ts';
import { families, familyImages, imageFamily, type FamilyName } from './families.ts';
import {
  FILE_SIZE_SIGMA, GZIP_RATIO, JAVA_READ_FACTOR, layerProfiles, MEAN_FILE_BYTES,
  COMPUTE_SCALE, READ_SCALE, STARTUP_SIGMA, startupProfiles, type StartupProfile,
} from './profiles.ts';

const MB = 1e6;

export interface CatalogueEntry {
  name: string;
  category: string;
  runClass: string;
  readyWhen: string;
}

let entriesCache: CatalogueEntry[] | null = null;

/** The 57 HelloBench images with their category, run class and readiness. */
export function hellobenchEntries(): CatalogueEntry[] {
  if (entriesCache) return entriesCache;
  const text = readFileSync(new URL('./hellobench-images.csv', import.meta.url), 'utf8');
  const lines = text.trim().split('\n').slice(1);
  entriesCache = lines.map((line) => {
    const [name, category, runClass, ...rest] = line.split(',');
    return { name: name!, category: category!, runClass: runClass!, readyWhen: rest.join(',') };
  });
  return entriesCache;
}

/** Builds the synthetic images named (all 57 when `names` is omitted). */
export function hellobenchCatalogue(seed: number, names?: readonly string[]): Image[] {
  const entries = hellobenchEntries();
  const wanted = names ?? entries.map((e) => e.name);
  const builder = new CatalogueBuilder(seed);
  return wanted.map((name) => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`unknown HelloBench image ${name}`);
    return builder.image(entry);
  });
}

class CatalogueBuilder {
  private readonly streams: RandomStreams;
  private readonly familyLayers = new Map<FamilyName, Layer[]>();

  constructor(seed: number) {
    this.streams = new RandomStreams(`${seed}/hellobench`);
  }

  image(entry: CatalogueEntry): Image {
    const family = imageFamily[entry.name] ?? 'debian';
    const rng = this.streams.stream(`image/${entry.name}`);
    const layers = [...this.family(family), ...this.ownLayers(entry, rng)];
    return {
      name: entry.name,
      category: entry.category,
      runClass: entry.runClass,
      layers,
      startup: buildStartup(entry, family, layers, rng),
      source: 'synthetic',
    };
  }

  /** The layers of a base family, built once and shared by every image on it. */
  private family(name: FamilyName): Layer[] {
    const cached = this.familyLayers.get(name);
    if (cached) return cached;
    const f = families[name];
    const below = f.parent ? this.family(f.parent) : [];
    const rng = this.streams.stream(`family/${name}`);
    const own = f.layersMB.map((mb, i) =>
      makeLayer(rng, `${name}/${i}`, mb === 0 ? 0 : mb * MB * rng.logNormal(1, 0.15)),
    );
    const layers = [...below, ...own];
    this.familyLayers.set(name, layers);
    return layers;
  }

  private ownLayers(entry: CatalogueEntry, rng: RandomStream): Layer[] {
    if (familyImages.has(entry.name)) return [makeLayer(rng, `${entry.name}/cmd`, 0)];
    const p = layerProfiles[entry.category] ?? layerProfiles.other!;
    const data = rng.int(p.dataLayers[0], p.dataLayers[1]);
    const meta = rng.int(p.metaLayers[0], p.metaLayers[1]);
    const total = p.ownMB * MB * rng.logNormal(1, p.sigma);
    const weights = Array.from({ length: data }, () => rng.uniform(0.2, 1));
    const sum = weights.reduce((a, b) => a + b, 0);
    // Dockerfiles set a few ENV lines before the big RUN steps and finish with
    // EXPOSE/VOLUME/CMD: one metadata layer below the data, the rest on top.
    const layers: Layer[] = [];
    const metaBelow = meta > 1 ? 1 : 0;
    for (let i = 0; i < metaBelow; i++) layers.push(makeLayer(rng, `${entry.name}/env${i}`, 0));
    weights.forEach((w, i) => layers.push(makeLayer(rng, `${entry.name}/run${i}`, (total * w) / sum)));
    for (let i = metaBelow; i < meta; i++) layers.push(makeLayer(rng, `${entry.name}/meta${i}`, 0));
    return layers;
  }
}

/** A layer of `sizeBytes` with a file table whose sizes are log-normal. */
function makeLayer(rng: RandomStream, digest: string, sizeBytes: number): Layer {
  const size = Math.round(sizeBytes);
  if (size === 0) return { digest, compressedBytes: 32, uncompressedBytes: 0, files: [] };
  const count = Math.max(1, Math.round(size / MEAN_FILE_BYTES));
  const weights = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    weights[i] = Math.exp(FILE_SIZE_SIGMA * rng.normal());
    sum += weights[i]!;
  }
  const files: FileEntry[] = [];
  let left = size;
  for (let i = 0; i < count; i++) {
    const bytes = i === count - 1 ? left : Math.min(left, Math.floor((size * weights[i]!) / sum));
    left -= bytes;
    files.push({ path: `/${digest}/${i}`, sizeBytes: bytes, kind: 'file' });
  }
  const ratio = rng.uniform(GZIP_RATIO[0], GZIP_RATIO[1]);
  return { digest, compressedBytes: Math.round(size * ratio), uncompressedBytes: size, files };
}

function profileFor(entry: CatalogueEntry): StartupProfile {
  return (
    startupProfiles[`${entry.runClass}/${entry.category}`] ??
    startupProfiles[entry.runClass] ??
    startupProfiles.log!
  );
}

interface FileSlot {
  layer: number;
  file: number;
  sizeBytes: number;
}

/** Draws the startup: which files are looked up, read and written, and compute between. */
function buildStartup(
  entry: CatalogueEntry,
  family: FamilyName,
  layers: Layer[],
  rng: RandomStream,
): StartupOp[] {
  const p = profileFor(entry);
  const slots: FileSlot[] = [];
  const cumulative: number[] = [];
  let total = 0;
  layers.forEach((layer, li) =>
    layer.files.forEach((f, fi) => {
      if (f.sizeBytes <= 0) return;
      slots.push({ layer: li, file: fi, sizeBytes: f.sizeBytes });
      total += f.sizeBytes;
      cumulative.push(total);
    }),
  );
  const io: StartupOp[][] = [];
  if (slots.length === 0) return [{ op: 'compute', sec: p.computeSec }];

  // 1. Reads: files picked with probability proportional to their bytes, so
  //    reads fall on layers the way the data does.
  const javaFactor = family === 'java' ? JAVA_READ_FACTOR : 1;
  const target = Math.min(0.9 * total, p.readMB * MB * READ_SCALE * javaFactor * rng.logNormal(1, STARTUP_SIGMA));
  const chosen = new Set<number>();
  let read = 0;
  for (let attempts = 0; read < target && attempts < slots.length * 4; attempts++) {
    const index = bisect(cumulative, rng.next() * total);
    if (chosen.has(index)) continue;
    chosen.add(index);
    const s = slots[index]!;
    let offset = 0;
    let length = s.sizeBytes;
    if (s.sizeBytes > 128 * 1024) {
      length = Math.round(s.sizeBytes * rng.uniform(0.1, 0.6));
      offset = Math.floor(rng.next() * (s.sizeBytes - length) / 4096) * 4096;
    }
    read += length;
    io.push([
      { op: 'open', layer: s.layer, file: s.file },
      { op: 'read', layer: s.layer, file: s.file, offsetBytes: offset, lengthBytes: length },
    ]);
  }

  // 2. Lookups that read nothing (search paths, stat of config files).
  const extraLookups = chosen.size * 2;
  for (let i = 0; i < extraLookups; i++) {
    const s = slots[rng.int(0, slots.length - 1)]!;
    io.push([{ op: 'open', layer: s.layer, file: s.file }]);
  }

  // 3. Appends to small files of lower layers (logs, configs): copy-up.
  const appends = rng.int(p.appends[0], p.appends[1]);
  for (let i = 0; i < appends; i++) {
    const s = slots[rng.int(0, slots.length - 1)]!;
    io.push([
      { op: 'open', layer: s.layer, file: s.file },
      { op: 'write', layer: s.layer, file: s.file, offsetBytes: s.sizeBytes, lengthBytes: 512 },
    ]);
  }

  // 4. New files the workload creates (database files, logs, pid files).
  const newBytes = p.newFilesMB > 0 ? p.newFilesMB * MB * rng.logNormal(1, STARTUP_SIGMA) : 0;
  const chunk = 4 * MB;
  for (let offset = 0, i = 0; offset < newBytes; offset += chunk, i++) {
    const len = Math.min(chunk, newBytes - offset);
    io.push([{ op: 'write', layer: -1, file: i, offsetBytes: 0, lengthBytes: Math.round(len) }]);
  }

  // 5. Shuffle the I/O groups and spread the compute time between them.
  shuffle(io, rng);
  const compute = p.computeSec * COMPUTE_SCALE * rng.logNormal(1, p.computeSigma);
  const gaps = io.length + 1;
  const weights = Array.from({ length: gaps }, () => rng.next() + 1e-3);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const ops: StartupOp[] = [];
  for (let i = 0; i < gaps; i++) {
    ops.push({ op: 'compute', sec: (compute * weights[i]!) / weightSum });
    if (i < io.length) ops.push(...io[i]!);
  }
  return ops;
}

function bisect(cumulative: number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function shuffle<T>(items: T[], rng: RandomStream): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
