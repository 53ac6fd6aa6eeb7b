/**
 * Bounds that keep a hostile or broken image from exhausting the disk, the
 * memory or the time of the machine that unpacks it. Every limit is checked
 * while streaming, before the bytes it guards are written.
 */
export interface UnpackLimits {
  /** Largest size a single tar entry may claim in its header. */
  maxEntryBytes: number;
  /** Largest number of bytes all layers of one image may expand to. */
  maxExpandedBytes: number;
  /**
   * Largest ratio of expanded to compressed bytes of one gzip stream, checked
   * once the stream has expanded past `ratioFloorBytes` (small streams of
   * zeros legitimately reach ratios near 1000).
   */
  maxGzipRatio: number;
  ratioFloorBytes: number;
  /** Largest number of entries in one layer. */
  maxEntries: number;
}

export const defaultLimits: UnpackLimits = {
  maxEntryBytes: 8 * 2 ** 30,
  maxExpandedBytes: 64 * 2 ** 30,
  maxGzipRatio: 200,
  ratioFloorBytes: 64 * 2 ** 20,
  maxEntries: 2_000_000,
};

/** What to do with entries that are unsafe but can be made harmless. */
export interface UnpackPolicy {
  /**
   * When true, device nodes, fifos and setuid/setgid bits are refused with an
   * InputError; when false (the default) they are neutralised (device nodes
   * and fifos are not created, the bits are cleared) and a warning is kept.
   */
  strict: boolean;
}
