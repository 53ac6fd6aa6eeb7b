/**
 * End to end: a real capture of a tiny busybox image with the strace
 * method, in the bwrap sandbox. Skips (with the reason) where the host
 * lacks strace, bwrap or a static busybox.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../sim/errors.ts';
import { captureTrace, type CaptureOptions } from '../../traces/capture/capture.ts';
import { parseReadiness } from '../../traces/capture/readiness.ts';
import { unavailableBecause, which } from '../../traces/capture/tools.ts';
import { summariseTrace } from '../../traces/info/summary.ts';
import { tempDir } from './helpers/archive.ts';
import { haveBusybox, writeBusyboxImage } from './helpers/busybox-image.ts';

const why =
  unavailableBecause('strace') ??
  (haveBusybox() ? undefined : 'no static busybox (Debian package busybox-static)');
if (why) console.log(`capture tests skipped: ${why}`);
const maybe = why ? test.skip : test.serial;

let work = '';
test.before(async () => {
  if (why) return;
  work = tempDir('slacker-capture-test-');
  await writeBusyboxImage(join(work, 'image'));
});
test.after.always(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function options(command: string[], more: Partial<CaptureOptions> = {}): CaptureOptions {
  return {
    image: join(work, 'image'),
    method: 'strace',
    command,
    ready: parseReadiness('exit'),
    timeoutSec: 30,
    network: false,
    env: {},
    uid: 0,
    gid: 0,
    workdir: '/',
    scratchDir: scratch(),
    ...more,
  };
}

function scratch(): string {
  const dir = join(work, 'scratch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Pids of processes running `program ... arg` (by argv[0], so launchers naming it do not count). */
function processesWith(program: string, arg: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]!.split('/').pop() === program && argv.includes(arg))
        found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

maybe('captures a startup across three layers, stopping at exit', async (t) => {
  const { trace } = await captureTrace(options(['/app/start.sh']));
  t.is(trace.layers.length, 3);
  t.is(trace.header.method, 'strace');
  t.is(trace.header.notes?.exitCode, '0');
  const path = (i: number) => trace.files[i]!.path;
  const ops = trace.events.map((e) => `${e.op} ${path(e.target)}`);
  t.true(
    ops.includes('exec bin/busybox'),
    'the shell is busybox, reached through bin/sh',
  );
  t.true(ops.includes('read etc/motd'));
  t.true(ops.includes('write tmp/state'));
  const bigReads = trace.events.filter(
    (e) => e.op === 'read' && path(e.target) === 'etc/big',
  );
  const bigBytes = bigReads.reduce((s, e) => s + e.lengthBytes, 0);
  t.true(
    bigBytes > 0 && bigBytes < 256 * 1024,
    `head read part of etc/big (${bigBytes} bytes)`,
  );
  const state = trace.files.find((f) => f.path === 'tmp/state');
  t.deepEqual(state, { path: 'tmp/state', sizeBytes: 11, kind: 'file', layer: -1 });
  t.true(trace.header.readySec > 0 && trace.header.readySec < 30);
  if (which('mkfs.ext4') && which('debugfs')) {
    const busybox = trace.files.findIndex((f) => f.path === 'bin/busybox');
    t.true(
      trace.extents.some((x) => x.file === busybox),
      'the block map of the image is recorded too',
    );
    t.is(trace.header.blockBytes, 4096);
  }
  t.true(trace.events.every((e) => e.timeSec <= trace.header.readySec));

  const s = summariseTrace(trace);
  const motdDepth = s.byDepth.find((r) => r.depth === 1)!;
  t.true(motdDepth.readBytes >= 26, 'the data layer (depth 1) was read');
  t.true(s.readShare > 0 && s.readShare < 1);
  t.is(readdirSync(join(work, 'scratch')).length, 0, 'scratch files are removed');
});

maybe('stops at a log line and kills what still runs', async (t) => {
  const started = process.hrtime.bigint();
  const { trace } = await captureTrace(
    options(['/bin/sh', '-c', 'echo booting; sleep 0.3; echo READY-NOW; sleep 4141'], {
      ready: parseReadiness('log:READY-NOW'),
    }),
  );
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  t.true(
    trace.header.readySec >= 0.3 && trace.header.readySec < 5,
    `ready after ${trace.header.readySec} s`,
  );
  t.true(wallSec < 15);
  t.deepEqual(processesWith('sleep', '4141'), []);
});

maybe('stops when a TCP port accepts, inside the sandbox network', async (t) => {
  const { trace } = await captureTrace(
    options(['/bin/sh', '-c', 'sleep 0.2; exec nc -l -p 18080'], {
      ready: parseReadiness('tcp:18080'),
    }),
  );
  t.true(trace.header.readySec >= 0.2 && trace.header.readySec < 10);
  t.deepEqual(processesWith('nc', '18080'), []);
});

maybe('runs with a clean environment and no network', async (t) => {
  process.env.SLACKER_HOST_SECRET = 'do-not-leak';
  let output = '';
  try {
    await captureTrace(
      options(['/bin/sh', '-c', 'env; cat /proc/net/dev'], {
        onOutput: (c) => (output += c),
      }),
    );
  } finally {
    delete process.env.SLACKER_HOST_SECRET;
  }
  t.false(output.includes('do-not-leak'));
  t.regex(output, /PATH=\/usr\/local\/sbin/);
  const interfaces = [...output.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
  t.deepEqual(interfaces, ['lo'], 'only loopback inside');
});

maybe('a hanging command hits the time limit and leaves nothing behind', async (t) => {
  const error = await t.throwsAsync(
    captureTrace(options(['/bin/sleep', '4242'], { timeoutSec: 1 })),
    { instanceOf: InputError },
  );
  t.regex(error.message, /not ready within 1 s/);
  t.deepEqual(processesWith('sleep', '4242'), []);
  t.is(readdirSync(join(work, 'scratch')).length, 0);
});

maybe('Ctrl-C during a capture cleans up and exits 130', async (t) => {
  const dir = scratch();
  const cli = spawn(
    process.execPath,
    [
      '--import=tsx',
      'sim/cli/main.ts',
      'trace',
      'capture',
      '--image',
      join(work, 'image'),
      '--out',
      join(work, 'never.trace.gz'),
      '--',
      '/bin/sleep',
      '4343',
    ],
    {
      env: { ...process.env, TMPDIR: dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  cli.stderr.on('data', (c) => (stderr += c));
  for (let i = 0; i < 200 && processesWith('sleep', '4343').length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  t.true(processesWith('sleep', '4343').length > 0, 'the command was running');
  cli.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) =>
    cli.on('exit', (c) => resolve(c)),
  );
  t.is(code, 130, stderr);
  await new Promise((r) => setTimeout(r, 200));
  t.deepEqual(processesWith('sleep', '4343'), []);
  // tsx keeps its own cache there; only our scratch folders matter.
  t.deepEqual(
    readdirSync(dir).filter((n) => n.startsWith('slacker-capture-')),
    [],
  );
});

test('an unknown readiness criterion is an input error', (t) => {
  t.throws(() => parseReadiness('tcp:99999'), {
    instanceOf: InputError,
    message: /--ready: expected exit, log:TEXT or tcp:PORT/,
  });
});
