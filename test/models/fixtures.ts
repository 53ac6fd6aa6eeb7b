/** Small hand-made images and testbeds for model tests. */
import { createDriver } from '../../models/drivers/create.ts';
import { aufsDefaults, slackerDefaults } from '../../models/drivers/defaults.ts';
import { PhaseReport, type StorageDriver } from '../../models/drivers/driver.ts';
import type { Image, Layer, StartupOp } from '../../models/image.ts';
import type { TestbedConfig } from '../../models/scenario/config.ts';
import { fast16 } from '../../models/testbed/fast16.ts';
import { Testbed } from '../../models/testbed/testbed.ts';

/** An image whose layers (base first) hold files of the given sizes in bytes. */
export function makeImage(name: string, layerFiles: number[][], startup: StartupOp[] = []): Image {
  const layers: Layer[] = layerFiles.map((sizes, i) => {
    const bytes = sizes.reduce((a, b) => a + b, 0);
    return {
      digest: `${name}/${i}`,
      compressedBytes: Math.max(32, Math.round(bytes * 0.4)),
      uncompressedBytes: bytes,
      files: sizes.map((s, j) => ({ path: `/${name}/${i}/${j}`, sizeBytes: s, kind: 'file' as const })),
    };
  });
  return { name, category: 'test', runClass: 'echo', layers, startup, source: 'test' };
}

export function aufs(overrides: Record<string, unknown> = {}): StorageDriver {
  return createDriver({ ...aufsDefaults, name: 'aufs', ...overrides } as never);
}

export function slacker(overrides: Record<string, unknown> = {}): StorageDriver {
  return createDriver({ ...slackerDefaults, name: 'slacker', ...overrides } as never);
}

export function testbed(config: TestbedConfig = fast16, seed = 'test'): Testbed {
  return new Testbed(config, seed);
}

/** Pulls then runs `image` on worker 0 of a fresh testbed; returns the run's report. */
export function pullAndRun(driver: StorageDriver, image: Image, tb = testbed()): { pull: PhaseReport; run: PhaseReport; tb: Testbed } {
  const pull = new PhaseReport();
  const run = new PhaseReport();
  driver.publish(tb, image);
  tb.sim.process(
    (function* () {
      yield* driver.pull(tb, tb.worker(0), image, pull);
      yield* driver.run(tb, tb.worker(0), image, run);
    })(),
    'pull and run',
  );
  tb.sim.run();
  tb.sim.assertAllFinished();
  return { pull, run, tb };
}
