/**
 * Where an image's files sit in the block device of its flattened ext4
 * image: an inode table at the front (16 inodes of 256 bytes per 4 KiB
 * block), then each file's data from a block boundary, base layer first.
 * Slacker stores exactly such a flattened file system per layer.
 */
import type { Image } from '../image.ts';

const INODES_PER_BLOCK_4K = 16;

export class FlatLayout {
  /** First data block of each file, per layer. */
  readonly fileStart: Int32Array[];
  /** Global index of each file (for its inode), per layer. */
  readonly fileIndex: Int32Array[];
  /**
   * First data block of each layer. A layer's files are contiguous and in
   * file order, so `block - layerStart[layer]` is the same for a given byte
   * of the layer in every image that contains it.
   */
  readonly layerStart: Int32Array;
  readonly inodeBlocks: number;
  readonly totalBlocks: number;

  constructor(
    readonly image: Image,
    readonly blockSizeBytes: number,
  ) {
    let files = 0;
    for (const layer of image.layers) files += layer.files.length;
    const inodesPerBlock = Math.max(1, Math.round((INODES_PER_BLOCK_4K * blockSizeBytes) / 4096));
    this.inodeBlocks = Math.ceil(files / inodesPerBlock) || 1;
    let next = this.inodeBlocks;
    let index = 0;
    this.fileStart = [];
    this.fileIndex = [];
    this.layerStart = new Int32Array(image.layers.length);
    image.layers.forEach((layer, layerIndex) => {
      this.layerStart[layerIndex] = next;
      const starts = new Int32Array(layer.files.length);
      const indices = new Int32Array(layer.files.length);
      layer.files.forEach((f, i) => {
        starts[i] = next;
        indices[i] = index++;
        next += Math.ceil(f.sizeBytes / blockSizeBytes);
      });
      this.fileStart.push(starts);
      this.fileIndex.push(indices);
    });
    this.totalBlocks = next;
  }

  /** Block holding the inode of a file. */
  inodeBlock(layer: number, file: number): number {
    const inodesPerBlock = Math.max(1, Math.round((INODES_PER_BLOCK_4K * this.blockSizeBytes) / 4096));
    return Math.floor(this.fileIndex[layer]![file]! / inodesPerBlock);
  }

  /** Blocks [first, last] covering bytes [offset, offset+length) of a file. */
  blocks(layer: number, file: number, offsetBytes: number, lengthBytes: number): [number, number] | null {
    const size = this.image.layers[layer]!.files[file]!.sizeBytes;
    const end = Math.min(size, offsetBytes + lengthBytes);
    if (end <= offsetBytes) return null;
    const start = this.fileStart[layer]![file]!;
    const first = start + Math.floor(offsetBytes / this.blockSizeBytes);
    const last = start + Math.ceil(end / this.blockSizeBytes) - 1;
    return [first, last];
  }
}
