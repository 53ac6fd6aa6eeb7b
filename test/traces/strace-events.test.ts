import test from 'ava';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PathResolver } from '../../traces/capture/resolve-path.ts';
import { straceToEvents } from '../../traces/capture/strace-events.ts';
import type { TraceFile } from '../../traces/format.ts';
import { tempDir } from './helpers/archive.ts';

/** A root with lib/libc.so.6 -> libc-2.so (symlink), a data file and a folder. */
function makeRoot(): { root: string; files: TraceFile[] } {
  const root = tempDir();
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'etc'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'lib/libc-2.so'), 'x'.repeat(10_000));
  symlinkSync('libc-2.so', join(root, 'lib/libc.so.6'));
  writeFileSync(join(root, 'etc/app.conf'), 'y'.repeat(500));
  writeFileSync(join(root, 'bin/app'), 'z'.repeat(2000));
  writeFileSync(join(root, 'new.log'), 'hello');
  const files: TraceFile[] = [
    { path: 'bin', sizeBytes: 0, kind: 'dir', layer: 0 },
    { path: 'bin/app', sizeBytes: 2000, kind: 'file', layer: 1 },
    { path: 'etc', sizeBytes: 0, kind: 'dir', layer: 0 },
    { path: 'etc/app.conf', sizeBytes: 500, kind: 'file', layer: 1 },
    { path: 'lib', sizeBytes: 0, kind: 'dir', layer: 0 },
    { path: 'lib/libc-2.so', sizeBytes: 10_000, kind: 'file', layer: 0 },
    { path: 'lib/libc.so.6', sizeBytes: 0, kind: 'symlink', layer: 0 },
  ];
  return { root, files };
}

test('follows descriptors across dup, lseek, fork in a pid namespace, and exec', (t) => {
  const { root, files } = makeRoot();
  try {
    // 50 is the launcher (bwrap); 51 the sandbox init; 52 the command; 53 its child (pid 3 inside).
    const log = [
      '50 100.000000 execve("/usr/bin/bwrap", [...], 0x7ff /* 3 vars */) = 0 <0.0001>',
      '51 100.010000 openat(AT_FDCWD, "/newroot/etc", O_RDONLY) = 5 <0.0001>',
      '52 100.100000 execve("/bin/app", [...], 0x7ff /* 2 vars */) = 0 <0.0002>',
      '52 100.101000 openat(AT_FDCWD, "/lib/libc.so.6", O_RDONLY|O_CLOEXEC) = 3 <0.00001>',
      '52 100.102000 read(3, ""..., 832) = 832 <0.00001>',
      '52 100.103000 mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_DENYWRITE, 3, 0x1000) = 0x7f00 <0.00001>',
      '52 100.104000 openat(AT_FDCWD, "etc", O_RDONLY|O_DIRECTORY) = 4 <0.00001>',
      '52 100.105000 openat(4, "app.conf", O_RDONLY) = 6 <0.00001>',
      '52 100.106000 dup2(6, 7) = 7 <0.00001>',
      '52 100.107000 lseek(7, 100, SEEK_SET) = 100 <0.00001>',
      '52 100.108000 read(6, ""..., 50) = 50 <0.00001>',
      '52 100.109000 pread64(6, ""..., 10, 400) = 10 <0.00001>',
      '52 100.110000 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x1) = 3 <0.0001>',
      '53 100.111000 read(7, ""..., 20) = 20 <0.00001>',
      '53 100.112000 execve("/bin/app", [...], 0x7ff /* 2 vars */) = 0 <0.0001>',
      '53 100.113000 read(3, ""..., 20) = 20 <0.00001>',
      '53 100.114000 openat(AT_FDCWD, "/new.log", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3 <0.00001>',
      '53 100.115000 write(3, ""..., 5) = 5 <0.00001>',
      '53 100.116000 newfstatat(AT_FDCWD, "/proc/self/status", {st_mode=S_IFREG|0444, ...}, 0) = 0 <0.00001>',
      '53 100.117000 +++ exited with 0 +++',
      '52 100.120000 +++ exited with 0 +++',
    ];
    const result = straceToEvents(log, files, new PathResolver(root));
    t.is(result.startEpochSec, 100.1);
    t.is(result.exitEpochSec, 100.12);
    const names = result.files.map((f) => f.path);
    t.is(names.at(-1), 'new.log', 'a created file is added after the image files');
    t.is(result.files.at(-1)!.layer, -1);
    const simple = result.events.map((e) => [
      Math.round(e.timeSec * 1000),
      e.op,
      names[e.target],
      e.offsetBytes,
      e.lengthBytes,
    ]);
    t.deepEqual(simple, [
      [0, 'exec', 'bin/app', 0, 0],
      [0, 'mmap', 'bin/app', 0, 2000],
      [1, 'open', 'lib/libc-2.so', 0, 0],
      [2, 'read', 'lib/libc-2.so', 0, 832],
      [3, 'mmap', 'lib/libc-2.so', 4096, 4096],
      [4, 'open', 'etc', 0, 0],
      [5, 'open', 'etc/app.conf', 0, 0],
      // dup2 shares the position that lseek moved.
      [8, 'read', 'etc/app.conf', 100, 50],
      [9, 'read', 'etc/app.conf', 400, 10],
      // The child (pid 3 inside the namespace) inherited fd 7 at offset 150.
      [11, 'read', 'etc/app.conf', 150, 20],
      [12, 'exec', 'bin/app', 0, 0],
      [12, 'mmap', 'bin/app', 0, 2000],
      [14, 'open', 'new.log', 0, 0],
      [14, 'write', 'new.log', 0, 0],
      [15, 'write', 'new.log', 0, 5],
    ]);
    t.false(
      simple.some((e) => e[2] === undefined),
      'fd 3 (O_CLOEXEC) was closed by exec',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('resolves symlinks inside the image, never on the host', (t) => {
  const root = tempDir();
  try {
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    writeFileSync(join(root, 'usr/bin/python3'), 'p');
    symlinkSync('usr/bin', join(root, 'bin'));
    symlinkSync('/usr/bin/python3', join(root, 'usr/bin/python'));
    symlinkSync('/etc', join(root, 'hostetc'));
    symlinkSync('loop', join(root, 'loop'));
    const resolver = new PathResolver(root);
    t.is(resolver.resolve('/bin/python'), 'usr/bin/python3');
    t.is(resolver.resolve('/bin/python', false), 'usr/bin/python');
    t.is(resolver.resolve('/usr/bin/../../../bin/python3'), 'usr/bin/python3');
    t.is(
      resolver.resolve('/hostetc/passwd'),
      undefined,
      '/etc is the image one, which has no passwd',
    );
    t.is(resolver.resolve('/loop'), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
