/**
 * Builds real multi-layer images from Debian packages and captures the
 * HelloBench workloads in them, with the strace and the block methods.
 * Needs root (debootstrap, overlay mounts, chroot, loop devices, tracefs).
 *
 *   node --import=tsx traces/build-images.ts [--only a,b] [--methods strace,block]
 *        [--cache DIR] [--out traces/captured] [--repeat]
 *
 * Steps for each workload:
 * 1. build (or take from the cache) every layer of its image, base first;
 * 2. write the image as an OCI layout in the cache;
 * 3. capture its startup once per method (and a second block run with --repeat);
 * 4. write the traces to the output folder; images stay in the cache.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureTrace } from './capture/capture.ts';
import { parseReadiness } from './capture/readiness.ts';
import type { Method } from './capture/tools.ts';
import { writeTrace } from './format.ts';
import { buildLayer, type BuiltLayer } from './images/build-layer.ts';
import { layerChain, WORKLOADS, type WorkloadSpec } from './images/catalogue.ts';
import { writeLayout } from './images/oci-write.ts';
import { summariseTrace } from './info/summary.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    methods: { type: 'string', default: 'strace,block' },
    cache: { type: 'string', default: join(tmpdir(), 'slacker-images') },
    out: { type: 'string', default: 'traces/captured' },
    repeat: { type: 'boolean', default: false },
  },
});

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  // --only also sets the order, so the cheapest or most wanted can go first.
  const byName = new Map(WORKLOADS.map((w) => [w.name, w]));
  const workloads = values.only
    ? values.only.split(',').map((name) => {
        const workload = byName.get(name);
        if (workload === undefined) throw new Error(`unknown workload ${name}`);
        return workload;
      })
    : WORKLOADS;
  const methods = values.methods!.split(',') as Method[];
  const built = new Map<string, BuiltLayer>();
  let failures = 0;
  for (const workload of workloads) {
    try {
      await buildAndCapture(workload, methods, built);
    } catch (error) {
      failures += 1;
      log(
        `${workload.name}: FAILED: ${(error as Error).message.split('\n').slice(0, 8).join('\n  ')}`,
      );
    }
  }
  log(`done: ${workloads.length - failures} of ${workloads.length} workloads captured`);
  return failures === 0 ? 0 : 1;
}

async function buildAndCapture(
  workload: WorkloadSpec,
  methods: Method[],
  built: Map<string, BuiltLayer>,
): Promise<void> {
  // 1. Layers.
  const layers: BuiltLayer[] = [];
  for (const spec of layerChain(workload.layer)) {
    let layer = built.get(spec.id);
    if (layer === undefined) {
      layer = await buildLayer(spec, [...layers], values.cache!, log);
      built.set(spec.id, layer);
    }
    layers.push(layer);
  }

  // 2. Image.
  const layout = join(values.cache!, 'images', workload.name);
  writeLayout(layout, workload.name, layers);

  // 3. and 4. Captures.
  const uid = workload.user ? userId(layers, workload.user) : 0;
  let stdinFile: string | undefined;
  if (workload.stdin !== undefined) {
    stdinFile = join(values.cache!, `stdin-${workload.name}.txt`);
    writeFileSync(stdinFile, workload.stdin);
  }
  const runs: Array<{ method: Method; suffix: string }> = methods.map((m) => ({
    method: m,
    suffix: m,
  }));
  if (values.repeat && methods.includes('block'))
    runs.push({ method: 'block', suffix: 'block-2' });
  for (const { method, suffix } of runs) {
    const { trace } = await captureTrace({
      image: layout,
      method,
      command: workload.command,
      ready: parseReadiness(workload.ready),
      name: workload.name,
      timeoutSec: workload.timeoutSec ?? 60,
      network: false,
      env: workload.env ?? {},
      uid,
      gid: uid,
      workdir: '/',
      stdinFile,
      notes: { category: workload.category, hellobench: workload.name },
    });
    const file = join(values.out!, `${workload.name}.${suffix}.trace.gz`);
    writeTrace(file, trace);
    const s = summariseTrace(trace);
    log(
      `${workload.name} [${suffix}]: ready ${s.readySec.toFixed(2)} s, ${s.layers} layers, image ${(s.imageBytes / 1e6).toFixed(0)} MB, ` +
        `read ${(s.readBytes / 1e6).toFixed(1)} MB (${(s.readShare * 100).toFixed(1)}%), half the data at depth >= ${s.halfDataDepth} -> ${file}`,
    );
  }
}

/** The numeric id of `user` from the image's /etc/passwd (the topmost layer that has one). */
function userId(layers: BuiltLayer[], user: string): number {
  for (const layer of [...layers].reverse()) {
    const passwd = join(layer.upper, 'etc/passwd');
    if (!existsSync(passwd)) continue;
    for (const line of readFileSync(passwd, 'utf8').split('\n')) {
      const fields = line.split(':');
      if (fields[0] === user) return Number(fields[2]);
    }
  }
  throw new Error(`user ${user} is not in the image's /etc/passwd`);
}

let finished = false;
process.on('exit', (code) => {
  // Node exits quietly when nothing is left to wait on; say so instead of pretending success.
  if (!finished && code === 0)
    process.stderr.write(
      'build-images: stopped with work pending (a stream never ended)\n',
    );
});
main().then((code) => {
  finished = true;
  process.exitCode = code;
});
