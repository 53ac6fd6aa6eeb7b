/**
 * The root-only methods, captured for real on the busybox test image.
 * They skip with the reason where the machine lacks root, tracefs or tools.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { captureTrace, type CaptureOptions } from '../../traces/capture/capture.ts';
import { parseReadiness } from '../../traces/capture/readiness.ts';
import { TRACEFS, unavailableBecause, type Method } from '../../traces/capture/tools.ts';
import { summariseTrace } from '../../traces/info/summary.ts';
import { METADATA_FILE, traceToStartup } from '../../traces/to-startup.ts';
import { tempDir } from './helpers/archive.ts';
import { haveBusybox, writeBusyboxImage } from './helpers/busybox-image.ts';

let work = '';
test.before(async () => {
  if (!haveBusybox()) return;
  work = tempDir('slacker-kernel-test-');
  await writeBusyboxImage(join(work, 'image'));
});
test.after.always(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function options(method: Method): CaptureOptions {
  return {
    image: join(work, 'image'),
    method,
    command: ['/app/start.sh'],
    ready: parseReadiness('exit'),
    timeoutSec: 30,
    network: false,
    env: {},
    uid: 0,
    gid: 0,
    workdir: '/',
    scratchDir: work,
  };
}

function leftovers(): string[] {
  const loops = execFileSync('losetup', ['-a'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(work));
  const mounts = execFileSync('mount', [], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(work));
  const instances = readdirSync(join(TRACEFS, 'instances')).filter((n) =>
    n.startsWith(`slacker-${process.pid}-`),
  );
  const scratch = readdirSync(work).filter((n) => n.startsWith('slacker-capture-'));
  return [...loops, ...mounts, ...instances, ...scratch];
}

for (const method of ['block', 'pagecache'] as const) {
  const why =
    unavailableBecause(method) ??
    (haveBusybox() ? undefined : 'no static busybox (Debian package busybox-static)');
  if (why) console.log(`${method} capture test skipped: ${why}`);
  (why ? test.skip : test.serial)(
    `captures with the ${method} method and cleans up`,
    async (t) => {
      const { trace } = await captureTrace(options(method));
      t.is(trace.header.method, method);
      t.is(trace.header.blockBytes, 4096);
      t.true(trace.extents.length > 0, 'the block map was recorded');
      const busybox = trace.files.findIndex((f) => f.path === 'bin/busybox');
      t.true(trace.extents.some((x) => x.file === busybox));

      const s = summariseTrace(trace);
      const byDepth = new Map(s.byDepth.map((r) => [r.depth, r.readBytes]));
      t.is(byDepth.get(0), 102, 'the start script (top layer) was read whole');
      t.true(
        byDepth.get(1)! >= 26 && byDepth.get(1)! < 256 * 1024,
        'motd and part of etc/big',
      );
      t.true(byDepth.get(2)! > 0, 'busybox was read');
      if (method === 'block') {
        t.true(
          trace.events.some((e) => e.durationSec !== undefined),
          'completions give requests a duration',
        );
        const { layers } = traceToStartup(trace);
        t.true(layers[0]!.files.some((f) => f.path === METADATA_FILE));
      }
      // A loop device detaches asynchronously once its last user is gone: allow a moment.
      let left = leftovers();
      for (let i = 0; i < 20 && left.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        left = leftovers();
      }
      t.deepEqual(left, []);
    },
  );
}
