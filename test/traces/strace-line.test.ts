import test from 'ava';
import {
  intArg,
  parseStraceLines,
  splitArgs,
  unquote,
  type SyscallRecord,
} from '../../traces/capture/strace-line.ts';

test('parses complete, failed and split calls', (t) => {
  const lines = [
    '101 1700000000.000100 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3 <0.000012>',
    '101 1700000000.000200 openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000005>',
    '101 1700000000.000300 read(3,  <unfinished ...>',
    '102 1700000000.000350 mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 4, 0x2000) = 0x7f0000001000 <0.000004>',
    '101 1700000000.000400 <... read resumed>""..., 832) = 832 <0.000101>',
    '101 1700000000.000500 --- SIGCHLD {si_signo=SIGCHLD} ---',
    '102 1700000000.000600 +++ exited with 0 +++',
    '103 1700000000.0007 garbage that is not a call',
  ];
  const records = [...parseStraceLines(lines)];
  t.is(records.length, 5);
  const [open, failed, mmap, read, exit] = records as SyscallRecord[];
  t.like(open, {
    pid: 101,
    timeSec: 1700000000.0001,
    name: 'openat',
    result: 3,
    durationSec: 0.000012,
  });
  t.deepEqual(open!.args, ['AT_FDCWD', '"/etc/ld.so.cache"', 'O_RDONLY|O_CLOEXEC']);
  t.like(failed, { result: -1, errno: 'ENOENT' });
  t.like(mmap, { name: 'mmap', result: 0x7f0000001000 });
  t.is(intArg(mmap!.args[5]), 0x2000);
  // The split read keeps its start time and gets its arguments from both halves.
  t.like(read, {
    name: 'read',
    timeSec: 1700000000.0003,
    result: 832,
    durationSec: 0.000101,
  });
  t.deepEqual(read!.args, ['3', '""...', '832']);
  t.deepEqual(exit, { pid: 102, timeSec: 1700000000.0006, exit: true });
});

test('splits nested arguments and decodes strace strings', (t) => {
  t.deepEqual(splitArgs('3, {st_mode=S_IFREG|0644, st_size=5, ...}, [1, 2], "a,b"'), [
    '3',
    '{st_mode=S_IFREG|0644, st_size=5, ...}',
    '[1, 2]',
    '"a,b"',
  ]);
  t.is(unquote('"/tmp/caf\\303\\251 \\"q\\"\\n"'), '/tmp/café "q"\n');
  t.is(unquote('NULL'), undefined);
  t.is(intArg('[4096 => 8192]'), 4096);
  t.is(intArg('NULL'), undefined);
});
