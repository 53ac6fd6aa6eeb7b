/**
 * Aggregate figures of a set of images, as the Slacker paper reports them for
 * HelloBench: the share of image bytes read at startup and the share of
 * image bytes at layer depth 9 or deeper.
 */
import { imageUncompressedBytes, layerDepth, type Image } from '../image.ts';

/** Bytes read at startup over all images / their uncompressed bytes. */
export function startupReadFraction(images: readonly Image[]): number {
  let read = 0;
  let total = 0;
  for (const image of images) {
    total += imageUncompressedBytes(image);
    for (const op of image.startup) if (op.op === 'read') read += op.lengthBytes;
  }
  return total > 0 ? read / total : 0;
}

/** Share of all image bytes that sit at depth `minDepth` or deeper. */
export function deepDataFraction(images: readonly Image[], minDepth = 9): number {
  let deep = 0;
  let total = 0;
  for (const image of images) {
    image.layers.forEach((layer, i) => {
      total += layer.uncompressedBytes;
      if (layerDepth(image, i) >= minDepth) deep += layer.uncompressedBytes;
    });
  }
  return total > 0 ? deep / total : 0;
}
