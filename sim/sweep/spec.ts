/**
 * What a sweep varies, read from a scenario's `sweep:` section and from
 * `--grid` flags. Nothing here knows what the key paths mean: a point is a
 * set of `key.path=value` overrides applied to the scenario before it is
 * validated, so anything a scenario can say can be swept.
 *
 * ```yaml
 * sweep:
 *   grid:                     # every combination (cartesian product)
 *     drivers[1].nfs_read_size: [16KiB, 64KiB, 256KiB]
 *   zip:                      # equal-length lists varied together
 *     testbed.workers.nic: [1Gbit/s, 10Gbit/s]
 *     testbed.network.latency: [200us, 50us]
 *   random:                   # N seeded samples, uniform in each range
 *     samples: 8
 *     ranges:
 *       testbed.registry.nic: [100MB/s, 1GB/s]
 *   seeds: derived            # or shared: every point uses the scenario seed
 * ```
 */
import { InputError, type InputErrorWhere } from '../errors.ts';
import { parsePath } from '../scenario/document.ts';

/** A key path and the values it takes, in the order given. */
export type Axis = { path: string; values: unknown[] };

/** How each point's random seed is chosen. */
export type SeedMode = 'derived' | 'shared';

export interface RandomSpec {
  samples: number;
  ranges: { path: string; low: unknown; high: unknown }[];
}

export interface SweepSpec {
  grid: Axis[];
  /** Axes of equal length; point i of the zip takes value i of each. */
  zip: Axis[];
  random?: RandomSpec;
  seeds: SeedMode;
}

/** Where a key of the `sweep:` section is, for error messages. */
export type Locate = (path: (string | number)[]) => InputErrorWhere;

/** An empty spec: a sweep with one point and no parameters. */
export function emptySpec(): SweepSpec {
  return { grid: [], zip: [], seeds: 'derived' };
}

/**
 * Reads a `sweep:` section (already checked against the scenario schema
 * for its shape) and checks what a schema cannot: key paths parse, zipped
 * lists have equal lengths, ranges have a low and a high of one kind.
 */
export function parseSweepSection(raw: unknown, locate: Locate): SweepSpec {
  const spec = emptySpec();
  if (raw === undefined || raw === null) return spec;
  const section = raw as Record<string, unknown>;
  spec.grid = axes(section.grid, ['sweep', 'grid'], locate);
  spec.zip = axes(section.zip, ['sweep', 'zip'], locate);
  const lengths = new Set(spec.zip.map((a) => a.values.length));
  if (lengths.size > 1) {
    const found = spec.zip.map((a) => `${a.path}: ${a.values.length}`).join(', ');
    throw new InputError('zipped lists differ in length', {
      ...locate(['sweep', 'zip']),
      key: 'sweep.zip',
    }, { expected: 'lists of equal length', found });
  }
  if (section.random !== undefined) {
    spec.random = randomSpec(section.random as Record<string, unknown>, locate);
  }
  if (section.seeds === 'shared') spec.seeds = 'shared';
  checkDistinct(spec, locate);
  return spec;
}

function axes(raw: unknown, at: string[], locate: Locate): Axis[] {
  if (raw === undefined) return [];
  return Object.entries(raw as Record<string, unknown>).map(([path, values]) => {
    const where = { ...locate([...at, path]), key: `${at.join('.')}.${path}` };
    checkPath(path, where);
    if (!Array.isArray(values) || values.length === 0) {
      throw new InputError('', where, {
        expected: 'a non-empty list of values',
        found: JSON.stringify(values),
      });
    }
    return { path, values };
  });
}

function randomSpec(raw: Record<string, unknown>, locate: Locate): RandomSpec {
  const ranges = Object.entries((raw.ranges ?? {}) as Record<string, unknown>);
  return {
    samples: raw.samples as number,
    ranges: ranges.map(([path, pair]) => {
      const where = {
        ...locate(['sweep', 'random', 'ranges', path]),
        key: `sweep.random.ranges.${path}`,
      };
      checkPath(path, where);
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InputError('', where, {
          expected: 'a [low, high] pair like [100MB/s, 1GB/s] or [1, 8]',
          found: JSON.stringify(pair),
        });
      }
      return { path, low: pair[0], high: pair[1] };
    }),
  };
}

/** Throws unless `path` is a key path like `testbed.workers.count`. */
export function checkPath(path: string, where: InputErrorWhere): void {
  try {
    parsePath(path);
  } catch {
    throw new InputError('', where, {
      expected: 'a key path like testbed.workers.nic or drivers[1].nfs_read_size',
      found: JSON.stringify(path),
    });
  }
}

/** The swept key paths, in column order: grid, then zip, then random. */
export function parameterNames(spec: SweepSpec): string[] {
  return [
    ...spec.grid.map((a) => a.path),
    ...spec.zip.map((a) => a.path),
    ...(spec.random?.ranges.map((r) => r.path) ?? []),
  ];
}

function checkDistinct(spec: SweepSpec, locate: Locate): void {
  const seen = new Set<string>();
  for (const path of parameterNames(spec)) {
    if (seen.has(path)) {
      const where = { ...locate(['sweep']), key: 'sweep' };
      throw new InputError('a key is swept twice', where, {
        expected: 'each key path in only one of grid, zip and random',
        found: JSON.stringify(path),
      });
    }
    seen.add(path);
  }
}

/**
 * Adds command-line axes to a spec's grid. A flag naming a path the
 * section's grid already sweeps replaces that axis in place (a path of its
 * zip or random part moves to the grid), so a user can narrow a
 * scenario's sweep without editing it.
 */
export function withGridAxes(spec: SweepSpec, extra: Axis[]): SweepSpec {
  const replaced = new Set(extra.map((a) => a.path));
  const byPath = new Map(extra.map((a) => [a.path, a]));
  const inGrid = new Set(spec.grid.map((a) => a.path));
  const zip = spec.zip.filter((a) => !replaced.has(a.path));
  if (zip.length !== spec.zip.length && zip.length > 0) {
    throw new InputError('', { key: '--grid' }, {
      expected: 'either all or none of the zipped keys of the scenario',
      found: `only some of ${spec.zip.map((a) => a.path).join(', ')}`,
    });
  }
  const random = spec.random && {
    ...spec.random,
    ranges: spec.random.ranges.filter((r) => !replaced.has(r.path)),
  };
  return {
    ...spec,
    grid: [
      ...spec.grid.map((a) => byPath.get(a.path) ?? a),
      ...extra.filter((a) => !inGrid.has(a.path)),
    ],
    zip,
    random: random && random.ranges.length > 0 ? random : undefined,
  };
}
