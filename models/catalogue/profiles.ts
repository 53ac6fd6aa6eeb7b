/**
 * Distributions the synthetic HelloBench catalogue draws from. Per-image
 * sizes, layer counts and read sets were not published, so each image gets
 * values drawn from these, seeded by the scenario seed and its name.
 *
 * Medians describe the kind of program, not a particular image:
 * - own layers: what an image adds on top of its base family (apt-get of a
 *   server, a language build), log-normal around the category median;
 * - metadata layers: Dockerfile instructions that change no file (ENV,
 *   EXPOSE, VOLUME, CMD), each a layer in Docker 1.9; they sit on top and
 *   push the data down, which is what puts half the bytes at depth 9+;
 * - startup reads: a shell and libc for `echo`, an interpreter and its
 *   standard library for one-liners, a compiler and its libraries for the
 *   compile-and-run workloads, a server and its modules for servers;
 * - startup compute: CPU time of the hello-world itself.
 * `READ_SCALE` is the one calibrated number: it scales every read median so
 * that the catalogue reads 6.4% of its bytes at startup, the paper's figure.
 */

export interface LayerProfile {
  /** Range of data layers the image adds (inclusive). */
  dataLayers: [number, number];
  /** Range of metadata-only layers on top (inclusive). */
  metaLayers: [number, number];
  /** Median total size of the data layers, MB, and log-normal sigma. */
  ownMB: number;
  sigma: number;
}

export const layerProfiles: Record<string, LayerProfile> = {
  distro: { dataLayers: [1, 2], metaLayers: [1, 2], ownMB: 120, sigma: 1.0 },
  language: { dataLayers: [1, 3], metaLayers: [2, 7], ownMB: 100, sigma: 0.8 },
  database: { dataLayers: [2, 4], metaLayers: [5, 10], ownMB: 150, sigma: 0.6 },
  'web-server': { dataLayers: [1, 3], metaLayers: [3, 7], ownMB: 60, sigma: 0.8 },
  'web-framework': { dataLayers: [1, 2], metaLayers: [2, 5], ownMB: 30, sigma: 0.8 },
  other: { dataLayers: [1, 3], metaLayers: [3, 8], ownMB: 100, sigma: 0.8 },
};

export interface StartupProfile {
  /** Median bytes read at startup, MB (before READ_SCALE). */
  readMB: number;
  /** Median CPU time of the workload, seconds. */
  computeSec: number;
  /** Median bytes the workload writes to new files, MB. */
  newFilesMB: number;
  /** Range of small files of lower layers appended to (copy-up). */
  appends: [number, number];
  /** Log-normal sigma of the compute time: servers range from 0.1 s to 30 s. */
  computeSigma: number;
}

/** Keyed by `run_class` or `run_class/category` (the more specific wins). */
export const startupProfiles: Record<string, StartupProfile> = {
  echo: { readMB: 1.5, computeSec: 0.02, newFilesMB: 0, appends: [0, 0], computeSigma: 0.5 },
  arg: { readMB: 12, computeSec: 0.25, newFilesMB: 0, appends: [0, 0], computeSigma: 0.5 },
  stdin: { readMB: 40, computeSec: 1.5, newFilesMB: 0.5, appends: [0, 1], computeSigma: 0.7 },
  'stdin/web-framework': { readMB: 40, computeSec: 3, newFilesMB: 2, appends: [0, 1], computeSigma: 0.7 },
  log: { readMB: 30, computeSec: 4, newFilesMB: 1, appends: [1, 3], computeSigma: 1.2 },
  'log/database': { readMB: 40, computeSec: 5, newFilesMB: 30, appends: [1, 3], computeSigma: 1.2 },
  http: { readMB: 20, computeSec: 0.5, newFilesMB: 0.1, appends: [0, 1], computeSigma: 0.7 },
};

/** A JVM maps a large runtime archive and libjvm: java-family reads are larger. */
export const JAVA_READ_FACTOR = 2;

/** Calibrated so the catalogue reads 6.4% of its bytes at startup (see above). */
export const READ_SCALE = 0.81;

/** Calibrated so that pulling is 76% of AUFS startup time (see the README). */
export const COMPUTE_SCALE = 0.45;

/** Spread (log-normal sigma) of per-image reads, compute and writes. */
export const STARTUP_SIGMA = 0.5;

/** Mean size of a file in a data layer, bytes; file sizes are log-normal. */
export const MEAN_FILE_BYTES = 48_000;
export const FILE_SIZE_SIGMA = 1.8;

/** gzip ratio (compressed / uncompressed) of a layer, drawn uniformly. */
export const GZIP_RATIO: [number, number] = [0.3, 0.45];
