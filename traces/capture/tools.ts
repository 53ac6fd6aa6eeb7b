/**
 * The host tools each capture method needs, their versions for the trace
 * header, and the exact reason a method cannot run here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

export type Method = 'strace' | 'block' | 'pagecache';

/** Debian package providing each tool, for error messages. */
const PACKAGES: Record<string, string> = {
  strace: 'strace',
  bwrap: 'bubblewrap',
  'mkfs.ext4': 'e2fsprogs',
  debugfs: 'e2fsprogs',
  losetup: 'mount',
  mount: 'mount',
  umount: 'mount',
};

export const TRACEFS = '/sys/kernel/tracing';

/** Full path of `tool` on PATH (or in the sbin folders), or undefined. */
export function which(tool: string): string | undefined {
  const dirs = (process.env.PATH ?? '')
    .split(':')
    .concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin']);
  for (const dir of dirs) {
    if (dir && existsSync(`${dir}/${tool}`)) return `${dir}/${tool}`;
  }
  return undefined;
}

/** Why `method` cannot run on this machine, or undefined when it can. */
export function unavailableBecause(method: Method): string | undefined {
  const needs =
    method === 'strace'
      ? ['strace', 'bwrap']
      : ['bwrap', 'mkfs.ext4', 'debugfs', 'losetup', 'mount', 'umount'];
  for (const tool of needs) {
    if (which(tool) === undefined)
      return `${tool} is not installed (Debian package ${PACKAGES[tool]})`;
  }
  if (method === 'strace') return undefined;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return `the ${method} method needs root (loop devices, mounts, tracefs); run as root or use --method strace`;
  }
  if (!existsSync(`${TRACEFS}/trace_marker`)) {
    return `tracefs is not mounted at ${TRACEFS} (mount -t tracefs nodev ${TRACEFS})`;
  }
  const event =
    method === 'block' ? 'block/block_rq_issue' : 'filemap/mm_filemap_add_to_page_cache';
  if (!existsSync(`${TRACEFS}/events/${event}/enable`))
    return `the kernel has no tracepoint ${event.replace('/', ':')}`;
  return undefined;
}

/** Versions of the tools `method` uses, for the trace header. */
export function toolVersions(method: Method): Record<string, string> {
  const versions: Record<string, string> = {
    'slacker-sim': projectVersion(),
    kernel: release(),
  };
  const first = (cmd: string, args: string[]) => {
    const run = spawnSync(cmd, args, { encoding: 'utf8' });
    const text = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    return text === '' ? 'unknown' : text.split('\n')[0]!.trim();
  };
  versions.bwrap = first('bwrap', ['--version']).replace(/^bubblewrap\s*/, '');
  if (method === 'strace')
    versions.strace = first('strace', ['-V']).replace(/^strace -- version\s*/, '');
  else
    versions.e2fsprogs =
      first('mkfs.ext4', ['-V']).replace(/^mke2fs\s*/, '') || 'unknown';
  return versions;
}

function projectVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    return String(pkg.version);
  } catch {
    return 'unknown';
  }
}
