/**
 * Which image a crowd's container runs: the one its arrival names, or, for
 * arrivals that name none, the workload's images in turn (container i runs
 * image i mod the number of images), or drawn by Zipf popularity (the image
 * listed k-th is chosen with weight 1/k^s) when the workload sets one.
 */
import { InputError } from '../../sim/errors.ts';
import type { RandomStream } from '../../sim/engine/random.ts';
import type { ScenarioConfig } from '../scenario/config.ts';
import type { Arrival } from './arrival.ts';
import { listSome } from './start-list.ts';

/** A function giving the image of container `i` started by `arrival`. */
export function imageChooser<I extends { name: string }>(
  config: ScenarioConfig,
  images: readonly I[],
  rng: RandomStream,
): (arrival: Arrival, i: number) => I {
  const byName = new Map(images.map((image) => [image.name, image]));
  const popular = config.workload.zipf === null ? null : zipfPicker(images, config.workload.zipf, rng);
  return (arrival, i) => {
    if (arrival.image === undefined) return popular ? popular() : images[i % images.length]!;
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

/** Draws images with probability proportional to 1 / rank^s. */
function zipfPicker<I>(images: readonly I[], s: number, rng: RandomStream): () => I {
  const cumulative: number[] = [];
  let total = 0;
  images.forEach((_, k) => cumulative.push((total += 1 / (k + 1) ** s)));
  return () => {
    const x = rng.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && cumulative[i]! <= x) i++;
    return images[i]!;
  };
}
