/**
 * Turning the upper folder of an overlay mount into a layer tarball, the
 * way Docker's overlay2 driver does: whiteout character devices (0, 0)
 * become `.wh.NAME`, folders marked opaque get `.wh..wh..opq`, hardlinks
 * stay hardlinks, device nodes are left out. Output is gzip-compressed and
 * its sha256 computed on the way.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  lstatSync,
  readdirSync,
  readlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

// A file entry without a body waits for one: markers get an explicit empty body.
const EMPTY = Buffer.alloc(0);

export interface LayerBlob {
  file: string;
  digest: string;
  compressedBytes: number;
}

/** Writes folder `upper` as a gzip layer tarball to `file`. */
export async function tarLayer(upper: string, file: string): Promise<LayerBlob> {
  const opaque = opaqueFolders(upper);
  const pack = tar.pack();
  const hash = createHash('sha256');
  let compressedBytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      compressedBytes += chunk.length;
      done(null, chunk);
    },
  });
  const written = pipeline(
    pack as unknown as NodeJS.ReadableStream,
    createGzip({ level: 6 }),
    count,
    createWriteStream(file),
  );
  const inodes = new Map<string, string>();

  const add = (header: Partial<tar.Header> & { name: string }, body?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (body) pack.entry(header, body, cb);
      else pack.entry(header, cb);
    });

  const walk = async (dir: string): Promise<void> => {
    for (const name of readdirSync(join(upper, dir)).sort()) {
      const path = dir === '' ? name : `${dir}/${name}`;
      const info = lstatSync(join(upper, path));
      const common = {
        mode: info.mode & 0o7777,
        uid: info.uid,
        gid: info.gid,
        mtime: info.mtime,
      };
      if (info.isCharacterDevice() && info.rdev === 0) {
        await add(
          { name: dir === '' ? `.wh.${name}` : `${dir}/.wh.${name}`, mtime: info.mtime },
          EMPTY,
        );
      } else if (info.isDirectory()) {
        await add({ name: `${path}/`, type: 'directory', ...common });
        if (opaque.has(path))
          await add({ name: `${path}/.wh..wh..opq`, mtime: info.mtime }, EMPTY);
        await walk(path);
      } else if (info.isSymbolicLink()) {
        await add({
          name: path,
          type: 'symlink',
          linkname: readlinkSync(join(upper, path)),
          ...common,
        });
      } else if (info.isFile()) {
        const inode = `${info.dev}:${info.ino}`;
        const first = info.nlink > 1 ? inodes.get(inode) : undefined;
        if (first !== undefined) {
          await add({ name: path, type: 'link', linkname: first, ...common });
          continue;
        }
        if (info.nlink > 1) inodes.set(inode, path);
        await new Promise<void>((resolve, reject) => {
          const sink = pack.entry({ name: path, size: info.size, ...common }, (err) =>
            err ? reject(err) : resolve(),
          );
          createReadStream(join(upper, path))
            .on('error', reject)
            .pipe(sink as unknown as NodeJS.WritableStream);
        });
      }
      // Device nodes, fifos and sockets do not belong in an image layer.
    }
  };
  await walk('');
  pack.finalize();
  await written;
  return { file, digest: `sha256:${hash.digest('hex')}`, compressedBytes };
}

/** Folders of `upper` carrying overlayfs's opaque mark. */
function opaqueFolders(upper: string): Set<string> {
  const run = spawnSync(
    'getfattr',
    ['-R', '--absolute-names', '-n', 'trusted.overlay.opaque', upper],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const found = new Set<string>();
  let current: string | undefined;
  for (const line of (run.stdout ?? '').split('\n')) {
    const file = /^# file: (.*)$/.exec(line);
    if (file) current = file[1]!.slice(upper.length + 1);
    else if (current !== undefined && /^trusted\.overlay\.opaque="y"/.test(line))
      found.add(current);
  }
  return found;
}
