/**
 * Building one layer: its root comes from debootstrap, busybox or a static
 * hello program when it has no parent; otherwise the layers below are
 * stacked read-only with overlayfs, the packages are installed with apt in
 * a chroot inside private mount and pid namespaces, and what changed (the
 * overlay's upper folder) is the layer. Built layers are cached by id.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { LayerSpec } from './catalogue.ts';
import { tarLayer, type LayerBlob } from './layer-tar.ts';

export interface BuiltLayer extends LayerBlob {
  id: string;
  /** Folder holding exactly this layer's changes (with overlay whiteouts). */
  upper: string;
}

const MIRROR = 'http://deb.debian.org/debian';
const SUITE = 'bookworm';

/** Builds (or takes from `cacheDir`) layer `spec` on top of `below` (base first). */
export async function buildLayer(
  spec: LayerSpec,
  below: BuiltLayer[],
  cacheDir: string,
  log: (line: string) => void,
): Promise<BuiltLayer> {
  const dir = join(cacheDir, 'layers', spec.id);
  const done = join(dir, 'layer.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as BuiltLayer;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const upper = join(dir, 'upper');
  const started = process.hrtime.bigint();
  log(`layer ${spec.id}: building on ${below.map((b) => b.id).join(' > ') || 'nothing'}`);

  if (below.length === 0) makeRoot(spec, upper, cacheDir, log);
  else installOnOverlay(spec, below, dir, upper);
  writeFiles(spec, upper);

  const blob = await tarLayer(upper, join(dir, 'layer.tar.gz'));
  const built: BuiltLayer = { id: spec.id, upper, ...blob };
  writeFileSync(done, JSON.stringify(built, null, 2));
  const sec = Number(process.hrtime.bigint() - started) / 1e9;
  log(
    `layer ${spec.id}: ${(blob.compressedBytes / 1e6).toFixed(1)} MB compressed, ${sec.toFixed(0)} s`,
  );
  return built;
}

function makeRoot(
  spec: LayerSpec,
  upper: string,
  cacheDir: string,
  log: (line: string) => void,
): void {
  if (spec.origin === 'debootstrap') {
    // The debootstrap tree is cached apart from the layer, so a rebuilt layer reuses it.
    const rootfs = join(cacheDir, `debootstrap-${SUITE}`);
    if (!existsSync(join(rootfs, '.complete'))) {
      log(`debootstrap ${SUITE} (minbase) into the cache`);
      rmSync(rootfs, { recursive: true, force: true });
      run('debootstrap', ['--variant=minbase', SUITE, rootfs, MIRROR]);
      writeFileSync(join(rootfs, '.complete'), '');
    }
    run('cp', ['-a', '--reflink=auto', rootfs, upper]);
    rmSync(join(upper, '.complete'));
    for (const sub of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      run('find', [join(upper, sub), '-type', 'f', '-delete']);
    }
    return;
  }
  mkdirSync(join(upper, 'bin'), { recursive: true });
  if (spec.origin === 'busybox') {
    copyFileSync('/bin/busybox', join(upper, 'bin/busybox'));
    chmodSync(join(upper, 'bin/busybox'), 0o755);
    const applets = run('/bin/busybox', ['--list'])
      .split('\n')
      .filter((a) => /^[\w.[\-]+$/.test(a) && a !== 'busybox');
    for (const applet of applets) symlinkSync('busybox', join(upper, 'bin', applet));
    return;
  }
  if (spec.origin === 'hello') {
    const source = join(upper, '..', 'hello.c');
    writeFileSync(
      source,
      '#include <stdio.h>\nint main(void) { puts("Hello from a static hello-world."); return 0; }\n',
    );
    rmSync(join(upper, 'bin'), { recursive: true });
    mkdirSync(upper, { recursive: true });
    run('gcc', ['-static', '-Os', '-s', '-o', join(upper, 'hello'), source]);
    return;
  }
  throw new Error(`layer ${spec.id} has neither a parent nor an origin`);
}

function installOnOverlay(
  spec: LayerSpec,
  below: BuiltLayer[],
  dir: string,
  upper: string,
): void {
  const work = join(dir, 'work');
  const merged = join(dir, 'merged');
  for (const d of [upper, work, merged]) mkdirSync(d, { recursive: true });
  const lower = below
    .map((b) => b.upper)
    .reverse()
    .join(':');
  run('mount', [
    '-t',
    'overlay',
    'overlay',
    '-o',
    `lowerdir=${lower},upperdir=${upper},workdir=${work}`,
    merged,
  ]);
  try {
    const steps: string[] = ['set -e', 'export DEBIAN_FRONTEND=noninteractive LC_ALL=C'];
    if (spec.packages?.length) {
      steps.push(
        'apt-get update -qq',
        `apt-get install -y -qq --no-install-recommends ${spec.packages.join(' ')} >/dev/null`,
        'apt-get clean',
        'rm -rf /var/lib/apt/lists/*',
      );
    }
    if (spec.script) steps.push(spec.script);
    const inside = steps.join('\n');
    // Private mount and pid namespaces: /proc and /dev mounts vanish with the build.
    const outer = [
      'set -e',
      `mount -t proc proc ${merged}/proc`,
      `mount --rbind /dev ${merged}/dev`,
      `exec chroot ${merged} /bin/sh -c ${shellQuote(inside)}`,
    ].join('\n');
    run('unshare', [
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      '--',
      'sh',
      '-c',
      outer,
    ]);
  } finally {
    run('umount', [merged]);
    rmSync(work, { recursive: true, force: true });
    rmSync(merged, { recursive: true, force: true });
  }
}

function writeFiles(spec: LayerSpec, upper: string): void {
  for (const [path, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(upper, path)), { recursive: true });
    writeFileSync(join(upper, path), content);
  }
  for (const path of spec.executables ?? []) chmodSync(join(upper, path), 0o755);
}

function run(cmd: string, args: string[]): string {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (result.status !== 0) {
    const tail = `${result.stderr ?? ''}${result.stdout ?? ''}`
      .trim()
      .split('\n')
      .slice(-15)
      .join('\n');
    throw new Error(
      `${cmd} ${args.slice(0, 4).join(' ')}... failed (${result.status ?? result.error?.message}):\n${tail}`,
    );
  }
  return result.stdout;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
