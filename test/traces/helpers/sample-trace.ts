/** A small hand-written trace that tests can change one field at a time. */
import type { Trace } from '../../../traces/format.ts';

export function sampleTrace(): Trace {
  return {
    header: {
      format: 'slacker-trace',
      version: 1,
      image: 'sample',
      method: 'strace',
      tools: { strace: '6.1' },
      command: ['/bin/sh', '-c', 'echo hi'],
      ready: 'exit',
      readySec: 1.0,
    },
    layers: [
      {
        digest: `sha256:${'a'.repeat(64)}`,
        compressedBytes: 400,
        uncompressedBytes: 1000,
      },
      {
        digest: `sha256:${'b'.repeat(64)}`,
        compressedBytes: 100,
        uncompressedBytes: 300,
      },
    ],
    files: [
      { path: 'bin', sizeBytes: 0, kind: 'dir', layer: 0 },
      { path: 'bin/sh', sizeBytes: 800, kind: 'file', layer: 0 },
      { path: 'etc/conf', sizeBytes: 200, kind: 'file', layer: 0 },
      { path: 'app/lib.so', sizeBytes: 300, kind: 'file', layer: 1 },
      { path: 'tmp/out', sizeBytes: 0, kind: 'file', layer: -1 },
    ],
    extents: [],
    events: [
      { timeSec: 0.1, op: 'exec', target: 1, offsetBytes: 0, lengthBytes: 0 },
      {
        timeSec: 0.2,
        op: 'read',
        target: 2,
        offsetBytes: 0,
        lengthBytes: 150,
        durationSec: 0.05,
      },
      { timeSec: 0.4, op: 'mmap', target: 3, offsetBytes: 100, lengthBytes: 4096 },
      { timeSec: 0.4, op: 'write', target: 2, offsetBytes: 10, lengthBytes: 5 },
      { timeSec: 0.7, op: 'write', target: 4, offsetBytes: 0, lengthBytes: 3 },
    ],
  };
}
