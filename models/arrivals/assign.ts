/**
 * Which image a crowd's container runs: the one its arrival names, or, for
 * arrivals that name none, the workload's images in turn (container i runs
 * image i mod the number of images).
 */
import { InputError } from '../../sim/errors.ts';
import type { ScenarioConfig } from '../scenario/config.ts';
import type { Arrival } from './arrival.ts';
import { listSome } from './start-list.ts';

/** A function giving the image of container `i` started by `arrival`. */
export function imageChooser<I extends { name: string }>(
  config: ScenarioConfig,
  images: readonly I[],
): (arrival: Arrival, i: number) => I {
  const byName = new Map(images.map((image) => [image.name, image]));
  return (arrival, i) => {
    if (arrival.image === undefined) return images[i % images.length]!;
    const image = byName.get(arrival.image);
    if (image) return image;
    // Importers check names against the workload as they read, with the
    // line; this is the last guard for a list built some other way.
    const file = 'file' in config.arrivals ? config.arrivals.file : config.file;
    throw new InputError(
      'unknown image',
      { file, key: 'image' },
      {
        expected: `one of the workload's images (${listSome(images.map((im) => im.name))})`,
        found: JSON.stringify(arrival.image),
      },
    );
  };
}
