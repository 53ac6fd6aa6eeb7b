/**
 * Default parameters of each driver kind. A scenario's `drivers` entries
 * override them key by key. The README explains each value.
 */
import type { AufsConfig, DockerConfig, SlackerConfig } from '../scenario/config.ts';

const KiB = 1024;

/** Docker daemon behaviour shared by every storage driver. */
export const dockerDefaults: DockerConfig = {
  caches: {},
  // Docker's own defaults since 1.10 (--max-concurrent-downloads/uploads).
  maxConcurrentDownloads: 3,
  maxConcurrentUploads: 5,
  // docker create + start of the period: about 0.1 s and 0.2 s.
  createOverheadSec: 0.1,
  startOverheadSec: 0.2,
  // docker kill of a server and the client's exit, inside HelloBench's timing.
  stopOverheadSec: 0.3,
  // Per layer, the daemon writes the layer's metadata (json, size, checksum
  // files) to /var/lib/docker and syncs it, and asks the driver to register
  // the layer. Calibrated: see the README's calibration section.
  layerRegisterSec: 9e-3,
};

export const aufsDefaults: Omit<AufsConfig, 'name'> = {
  kind: 'aufs',
  ...dockerDefaults,
  // Adding one branch to an AUFS mount (plus the init layer) costs a few ms.
  mountCostPerLayerSec: 2e-3,
  // A lookup probes each branch from the top until it finds the name; one
  // probe is a dentry lookup in the branch's file system.
  lookupCostPerLayerSec: 20e-6,
  // Copy-up streams the file through the page cache into the upper branch.
  copyupBytesPerSec: 400e6,
};

export const slackerDefaults: Omit<SlackerConfig, 'name'> = {
  kind: 'slacker',
  ...dockerDefaults,
  blockSizeBytes: 4 * KiB,
  // Linux NFS clients of the period negotiated 64 KiB reads with VMstore.
  nfsReadSizeBytes: 64 * KiB,
  // Readahead keeps a few reads in flight for a sequential reader.
  nfsInFlight: 4,
  // losetup + mount of an ext4 image over NFS: tens of milliseconds.
  mountOverheadSec: 0.05,
  cacheSharing: true,
};
