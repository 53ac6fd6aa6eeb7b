/**
 * The pagecache method (root): like the block method, but records the pages
 * the run brings into the page cache (`filemap:mm_filemap_add_to_page_cache`),
 * which names the inode and offset, so events land on files directly.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceEvent, TraceFile } from '../format.ts';
import { kernelResult, runOnExt4 } from './kernel-run.ts';
import type { MethodContext, MethodResult } from './method.ts';

const PAGE_BYTES = 4096;
// e.g. "dev 7:3 ino 1a2 pfn=0x1234 ofs=8192 order=0"
const FILL = /dev (\d+):(\d+) ino ([0-9a-f]+) pfn=\S+ ofs=(\d+) order=(\d+)/;

/** Captures the page-cache fills of one startup. */
export async function captureWithPageCache(ctx: MethodContext): Promise<MethodResult> {
  const run = await runOnExt4(
    ctx,
    ['filemap/mm_filemap_add_to_page_cache'],
    (m) => `s_dev == ${m.kernelDev}`,
  );
  const byInode = inodeIndex(run.mounted.mountPoint, ctx.files);
  const events: TraceEvent[] = [];
  for (const e of run.events) {
    const m = FILL.exec(e.text);
    if (!m || e.timeSec > run.readySec) continue;
    const file = byInode.get(parseInt(m[3]!, 16));
    if (file === undefined) continue;
    events.push({
      timeSec: e.timeSec,
      op: 'read',
      target: file,
      offsetBytes: Number(m[4]),
      lengthBytes: PAGE_BYTES * 2 ** Number(m[5]),
    });
  }
  return kernelResult(ctx, run, events);
}

/**
 * Inode number -> file index, read from the mounted image after the run
 * (inode numbers do not change; files the run created are not the image's).
 */
function inodeIndex(mountPoint: string, files: TraceFile[]): Map<number, number> {
  const index = new Map<number, number>();
  const wanted = new Map(files.map((f, i) => [f.path, i]));
  const walk = (dir: string) => {
    for (const name of readdirSync(join(mountPoint, dir))) {
      const path = dir === '' ? name : `${dir}/${name}`;
      const info = lstatSync(join(mountPoint, path));
      const file = wanted.get(path);
      if (file !== undefined && !index.has(info.ino)) index.set(info.ino, file);
      if (info.isDirectory()) walk(path);
    }
  };
  walk('');
  return index;
}
