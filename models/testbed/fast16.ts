/**
 * `fast16`: the kind of testbed the Slacker paper (FAST '16) measured on:
 * worker VMs and a Docker registry on one LAN, next to a Tintri VMstore
 * serving NFS. The paper does not publish every figure below; each value says
 * where it comes from or why it was chosen. The README repeats this table.
 */
import type { TestbedConfig } from '../scenario/config.ts';

const MB = 1e6;
const GiB = 1024 ** 3;
const GBIT = 1e9 / 8;

export const fast16: TestbedConfig = {
  preset: 'fast16',
  workers: {
    count: 1,
    // A typical 2016 worker VM: 4 vCPUs and 8 GiB, of which about 6 GiB can
    // hold page cache once the OS and the Docker daemon are resident.
    cores: 4,
    memoryBytes: 6 * GiB,
    // VMstore deployments are attached over 10 GbE.
    nicBytesPerSec: 10 * GBIT,
    // A virtual disk of the period: a few hundred MB/s sequential, a few
    // thousand small operations per second, some loss under concurrency.
    disk: {
      readBytesPerSec: 250 * MB,
      writeBytesPerSec: 200 * MB,
      iops: 5000,
      concurrencyFalloff: 0.05,
    },
    // Docker 1.9-1.10 decompressed layers with Go's compress/gzip, which ran
    // at roughly 60-80 MB/s of output per core on CPUs of the time.
    gunzipBytesPerSec: 70 * MB,
    // Go's gzip at the default level compressed at roughly 10-20 MB/s per
    // core before Go 1.7 sped it up. Calibrated within that range (README).
    gzipBytesPerSec: 14 * MB,
    // Creating one file while extracting a tar (create, write metadata,
    // chown, chmod, utimes) costs on the order of 0.1 ms on ext4.
    fileCreateSec: 0.1e-3,
    // Buffered copies through the page cache (memcpy plus page allocation).
    memoryBytesPerSec: 2000 * MB,
    racks: 1,
  },
  network: {
    // One switch hop on a LAN: 0.1 ms each way.
    latencySec: 0.1e-3,
    // Linux default maximum TCP receive window of the period (4 MiB).
    tcpWindowBytes: 4 * 1024 * 1024,
    rackUplinkBytesPerSec: 40 * GBIT,
  },
  registry: {
    nicBytesPerSec: 10 * GBIT,
    // The registry's blob store on local disks or an object store.
    storageBytesPerSec: 500 * MB,
    // Registry v2 (Go) with storage stat calls: each request costs a couple
    // of milliseconds of server time before any byte moves. Calibrated (README).
    requestOverheadSec: 2e-3,
    maxConcurrentRequests: 64,
  },
  storageServer: {
    nicBytesPerSec: 10 * GBIT,
    // An all-flash or hybrid array serves reads at GB/s from flash with
    // sub-millisecond latency, and from its disk tier at disk speeds.
    flashBytesPerSec: 2000 * MB,
    flashLatencySec: 0.3e-3,
    diskBytesPerSec: 300 * MB,
    diskLatencySec: 6e-3,
    // Tintri reported that nearly all reads of its hybrid arrays hit flash.
    flashHitRatio: 0.99,
    maxConcurrentRequests: 128,
    // snapshot() and clone() only copy block-map metadata.
    snapshotLatencySec: 30e-3,
    cloneLatencySec: 30e-3,
  },
};
