/**
 * Images, layers, files, and what a container does with them at startup.
 *
 * Layers are listed base first, as Docker applies them; the depth of a layer
 * is its distance from the top (the top layer has depth 0). A startup is a
 * sequence of operations on files of the image, with compute time between
 * them; it comes from the synthetic HelloBench catalogue or from a trace.
 */

export type FileKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface FileEntry {
  path: string;
  sizeBytes: number;
  kind: FileKind;
}

export interface Layer {
  digest: string;
  /** Size of the gzip-compressed layer tarball. */
  compressedBytes: number;
  /** Size of the layer's content once extracted. */
  uncompressedBytes: number;
  files: FileEntry[];
}

/** A reference to a file: the index of its layer (base = 0) and of the file within it. */
export interface FileRef {
  layer: number;
  file: number;
}

/**
 * One step of a container startup:
 * - `compute`: the program runs on the CPU for `sec` seconds without I/O;
 * - `open`: a path lookup (open, stat, exec) of a file of the image;
 * - `read`: bytes read from a file of the image;
 * - `write`: bytes written to a file; a file of a lower layer is first
 *   copied up by union file systems; `layer: -1` is a file the container
 *   creates itself (no copy-up).
 */
export type StartupOp =
  | { op: 'compute'; sec: number }
  | ({ op: 'open' } & FileRef)
  | ({ op: 'read'; offsetBytes: number; lengthBytes: number } & FileRef)
  | ({ op: 'write'; offsetBytes: number; lengthBytes: number } & FileRef);

export interface Image {
  name: string;
  category: string;
  runClass: string;
  layers: Layer[];
  startup: StartupOp[];
  /** Where the file table and startup come from: `synthetic` or a trace file name. */
  source: string;
}

/** Depth of layer `index` in `image`: 0 for the top layer. */
export function layerDepth(image: Image, index: number): number {
  return image.layers.length - 1 - index;
}

export function imageUncompressedBytes(image: Image): number {
  let total = 0;
  for (const layer of image.layers) total += layer.uncompressedBytes;
  return total;
}

export function imageCompressedBytes(image: Image): number {
  let total = 0;
  for (const layer of image.layers) total += layer.compressedBytes;
  return total;
}
