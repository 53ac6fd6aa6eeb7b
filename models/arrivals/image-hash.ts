/**
 * Stable mapping of a trace's names (an Azure app, a registry repository) to
 * the workload's images: FNV-1a (32-bit) over the name's UTF-8 bytes, modulo
 * the number of images. The same name always gets the same image for the
 * same image list, on every machine and run; adding or removing an image
 * reshuffles the mapping, as any modulo mapping does.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of the UTF-8 bytes of `text`, as an unsigned 32-bit integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The image that `name` maps to: `images[fnv1a32(name) % images.length]`. */
export function hashedImage(name: string, images: readonly string[]): string {
  if (images.length === 0) throw new Error('hashedImage: no images to map to');
  return images[fnv1a32(name) % images.length]!;
}
