import test from 'ava';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../sim/errors.ts';
import { unpackImage, type UnpackOptions } from '../../traces/unpack/unpack-image.ts';
import {
  dockerSaveOf,
  rawHeader,
  tarOf,
  tempDir,
  tgzOf,
  writeOciLayout,
  type TarItem,
} from './helpers/archive.ts';

/** Unpacks an OCI layout made of `layers`; returns the result and the target folder. */
async function unpackLayers(layers: Buffer[], options: UnpackOptions = {}) {
  const work = tempDir();
  const layout = join(work, 'layout');
  writeOciLayout(layout, layers);
  const root = join(work, 'root');
  try {
    const image = await unpackImage(layout, root, options);
    return { image, root, work };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

async function refused(
  t: any,
  items: TarItem[] | Buffer,
  pattern: RegExp,
  options: UnpackOptions = {},
) {
  const layer = Buffer.isBuffer(items) ? items : await tgzOf(items);
  const error = await t.throwsAsync(unpackLayers([layer], options), {
    instanceOf: InputError,
  });
  t.regex(error.message, pattern);
  t.regex(error.message, /blobs\/sha256\/[0-9a-f]{64}/, 'the error names the archive');
  return error as InputError;
}

const base: TarItem[] = [
  { name: 'etc/', type: 'directory' },
  { name: 'etc/os-release', body: 'base\n' },
  { name: 'bin/', type: 'directory' },
  { name: 'bin/busybox', body: 'x'.repeat(1000), mode: 0o755 },
  { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
  { name: 'bin/ls', type: 'link', linkname: 'bin/busybox' },
  { name: 'var/cache/a', body: 'aa' },
  { name: 'var/cache/sub/b', body: 'bbb' },
  { name: 'opt/old', body: 'old' },
];
const middle: TarItem[] = [
  { name: 'etc/os-release', body: 'middle!\n' },
  { name: 'opt/.wh.old', body: '' },
  { name: 'var/cache/', type: 'directory' },
  { name: 'var/cache/sub/new', body: 'n' },
  { name: 'var/cache/.wh..wh..opq', body: '' },
  { name: 'usr/lib/libx.so', body: 'y'.repeat(300) },
];
const top: TarItem[] = [{ name: 'app/run', body: '#!/bin/sh\n', mode: 0o755 }];

test('applies layers base first with whiteouts, opaque folders and links', async (t) => {
  const { image, root, work } = await unpackLayers([
    await tgzOf(base),
    await tgzOf(middle),
    await tarOf(top),
  ]);
  try {
    const byPath = new Map(image.files.map((f) => [f.path, f]));
    t.is(image.layers.length, 3);
    t.deepEqual(byPath.get('etc/os-release'), {
      path: 'etc/os-release',
      layer: 1,
      sizeBytes: 8,
      kind: 'file',
    });
    t.is(readFileSync(join(root, 'etc/os-release'), 'utf8'), 'middle!\n');
    t.false(byPath.has('opt/old'));
    t.false(existsSync(join(root, 'opt/old')));
    // Opaque: lower var/cache/a and var/cache/sub/b vanish, this layer's sub/new stays.
    t.false(byPath.has('var/cache/a'));
    t.false(byPath.has('var/cache/sub/b'));
    t.is(byPath.get('var/cache/sub/new')?.layer, 1);
    t.is(byPath.get('var/cache/sub')?.layer, 1);
    t.false(existsSync(join(root, 'var/cache/a')));
    t.is(readlinkSync(join(root, 'bin/sh')), 'busybox');
    t.is(byPath.get('bin/ls')?.kind, 'hardlink');
    t.is(byPath.get('bin/ls')?.sizeBytes, 1000);
    t.is(statSync(join(root, 'bin/ls')).ino, statSync(join(root, 'bin/busybox')).ino);
    t.is(
      byPath.get('usr/lib')?.layer,
      1,
      'implicit parents belong to the layer that needs them',
    );
    t.is(byPath.get('app/run')?.layer, 2);
    t.is(image.layers[0]!.uncompressedBytes, 5 + 1000 + 2 + 3 + 3);
    t.true(
      image.layers[2]!.compressedBytes! > image.layers[2]!.uncompressedBytes,
      'an uncompressed tar is stored bigger than its files',
    );
    t.regex(image.layers[0]!.digest, /^sha256:[0-9a-f]{64}$/);
    t.is(image.name, 'test:latest');
    t.deepEqual(image.warnings, []);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a docker save tarball gives the same file table as the OCI layout', async (t) => {
  const layers = [await tgzOf(base), await tgzOf(middle), await tarOf(top)];
  const fromLayout = await unpackLayers(layers);
  const work = tempDir();
  try {
    writeFileSync(join(work, 'image.tar'), await dockerSaveOf(layers, 'saved:1'));
    const image = await unpackImage(join(work, 'image.tar'), join(work, 'root'));
    t.is(image.source, 'docker-save');
    t.is(image.name, 'saved:1');
    t.deepEqual(image.files, fromLayout.image.files);
    t.deepEqual(
      image.layers.map((l) => l.digest),
      fromLayout.image.layers.map((l) => l.digest),
    );
    t.deepEqual(
      readdirSync(work).sort(),
      ['image.tar', 'root'],
      'the staging folder is removed',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(fromLayout.work, { recursive: true, force: true });
  }
});

test('a plain root folder is one layer', async (t) => {
  const work = tempDir();
  try {
    const src = join(work, 'rootfs');
    mkdirSync(join(src, 'bin'), { recursive: true });
    writeFileSync(join(src, 'bin/busybox'), 'z'.repeat(50));
    writeFileSync(join(src, 'hello'), 'hi');
    const image = await unpackImage(src, join(work, 'root'));
    t.is(image.source, 'rootfs');
    t.deepEqual(
      image.files.map((f) => [f.path, f.layer, f.sizeBytes, f.kind]),
      [
        ['bin', 0, 0, 'dir'],
        ['bin/busybox', 0, 50, 'file'],
        ['hello', 0, 2, 'file'],
      ],
    );
    t.is(image.layers[0]!.uncompressedBytes, 52);
    t.is(image.layers[0]!.compressedBytes, null);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('refuses `..` in entry paths', async (t) => {
  await refused(
    t,
    [{ name: 'etc/../../escape', body: 'x' }],
    /`\.\.`.*refused.*etc\/\.\.\/\.\.\/escape|etc\/\.\.\/\.\.\/escape.*`\.\.`/,
  );
});

test('refuses absolute entry paths', async (t) => {
  await refused(
    t,
    [{ name: '/tmp/slacker-abs-escape', body: 'x' }],
    /absolute entry path refused/,
  );
  t.false(existsSync('/tmp/slacker-abs-escape'));
});

test('refuses symlinks pointing outside the image', async (t) => {
  await refused(
    t,
    [{ name: 'a/link', type: 'symlink', linkname: '../../outside' }],
    /a\/link -> \.\.\/\.\.\/outside: symlink pointing outside/,
  );
});

test('keeps absolute symlinks, which point into the image', async (t) => {
  const { image, root, work } = await unpackLayers([
    await tgzOf([{ name: 'etc/alt', type: 'symlink', linkname: '/usr/bin/python3' }]),
  ]);
  try {
    t.is(readlinkSync(join(root, 'etc/alt')), '/usr/bin/python3');
    t.is(image.files.find((f) => f.path === 'etc/alt')?.kind, 'symlink');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('refuses hardlinks pointing outside the image', async (t) => {
  await refused(
    t,
    [{ name: 'passwd', type: 'link', linkname: '../etc/passwd' }],
    /passwd => \.\.\/etc\/passwd: hardlink pointing outside/,
  );
  await refused(
    t,
    [{ name: 'passwd', type: 'link', linkname: '/etc/passwd' }],
    /hardlink pointing outside/,
  );
});

test('refuses a file written through a symlink', async (t) => {
  const victim = tempDir('slacker-victim-');
  try {
    const error = await refused(
      t,
      [
        { name: 'evil', type: 'symlink', linkname: victim },
        { name: 'evil/owned', body: 'gotcha' },
      ],
      /written through the symlink evil/,
    );
    t.is(error.where.key, 'evil/owned');
    t.deepEqual(readdirSync(victim), [], 'nothing reached the folder the link points at');
  } finally {
    rmSync(victim, { recursive: true, force: true });
  }
});

test('refuses whiteouts and hardlinks through a symlink', async (t) => {
  const victim = tempDir('slacker-victim-');
  writeFileSync(join(victim, 'keep'), 'precious');
  try {
    const link: TarItem = { name: 'evil', type: 'symlink', linkname: victim };
    await refused(
      t,
      [link, { name: 'evil/.wh.keep', body: '' }],
      /whiteout through the symlink evil/,
    );
    await refused(
      t,
      [link, { name: 'evil/.wh..wh..opq', body: '' }],
      /through the symlink evil/,
    );
    await refused(
      t,
      [link, { name: 'grab', type: 'link', linkname: 'evil/keep' }],
      /hardlink to a missing file/,
    );
    t.is(readFileSync(join(victim, 'keep'), 'utf8'), 'precious');
  } finally {
    rmSync(victim, { recursive: true, force: true });
  }
});

test('neutralises device nodes and fifos, or refuses them when strict', async (t) => {
  const items: TarItem[] = [
    { name: 'dev/sda', type: 'block-device' },
    { name: 'dev/mem', type: 'character-device' },
    { name: 'run/pipe', type: 'fifo' },
  ];
  const { image, root, work } = await unpackLayers([await tgzOf(items)]);
  try {
    t.false(existsSync(join(root, 'dev/sda')));
    t.false(existsSync(join(root, 'dev/mem')));
    t.is(image.warnings.length, 3);
    t.regex(
      image.warnings[0]!,
      /blobs\/sha256\/[0-9a-f]+: dev\/sda: block-device not created/,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await refused(t, items, /unsafe entry refused: block-device/, {
    policy: { strict: true },
  });
});

test('clears setuid and setgid bits, or refuses them when strict', async (t) => {
  const items: TarItem[] = [
    { name: 'bin/su', body: 'su', mode: 0o4755 },
    { name: 'bin/wall', body: 'w', mode: 0o2755 },
  ];
  const { image, root, work } = await unpackLayers([await tgzOf(items)]);
  try {
    t.is(lstatSync(join(root, 'bin/su')).mode & 0o7777, 0o755);
    t.is(lstatSync(join(root, 'bin/wall')).mode & 0o7777, 0o755);
    t.regex(image.warnings.join('\n'), /bin\/su: setuid\/setgid bit cleared/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  await refused(t, items, /unsafe entry refused: setuid/, { policy: { strict: true } });
});

test('refuses absurd claimed sizes before reading them', async (t) => {
  const huge = Buffer.concat([rawHeader('big', 2n ** 50n), Buffer.alloc(1024)]);
  const error = await refused(
    t,
    gzipSync(huge),
    /claims 1125899906842624 bytes, above the limit/,
  );
  t.is(error.where.key, 'big');
  const small = Buffer.concat([rawHeader('big', 5000n), Buffer.alloc(1024)]);
  await refused(t, gzipSync(small), /claims 5000 bytes/, {
    limits: { maxEntryBytes: 4096 },
  });
});

test('stops gzip bombs by ratio and by total expanded size', async (t) => {
  const zeros = await tgzOf([{ name: 'zeros', body: Buffer.alloc(8 * 2 ** 20) }]);
  t.true(zeros.length < 20_000, 'the test archive really is a bomb');
  await refused(t, zeros, /expands more than 100:1/, {
    limits: { maxGzipRatio: 100, ratioFloorBytes: 2 ** 20 },
  });
  await refused(t, zeros, /expands past the limit of 1000000 bytes/, {
    limits: { maxExpandedBytes: 1_000_000 },
  });
});

test('refuses truncated streams', async (t) => {
  const layer = await tarOf([
    { name: 'a', body: 'a'.repeat(5000) },
    { name: 'b', body: 'b'.repeat(5000) },
  ]);
  const cutGzip = gzipSync(layer).subarray(0, 60);
  await refused(t, cutGzip, /corrupt or truncated gzip stream/);
  const midEntry = layer.subarray(0, 512 + 3000);
  await refused(t, midEntry, /truncated/);
  const noEndMarker = layer.subarray(0, layer.length - 1024);
  await refused(t, noEndMarker, /truncated \(no end-of-archive marker\)/);
  await refused(
    t,
    Buffer.from('this is not a tar archive at all, just text'.repeat(20)),
    /unreadable tar archive|truncated/,
  );
});

test('refuses a blob that does not match its digest', async (t) => {
  const work = tempDir();
  try {
    const layout = join(work, 'layout');
    writeOciLayout(layout, [await tgzOf([{ name: 'a', body: 'a' }])]);
    const blobs = join(layout, 'blobs/sha256');
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
    const manifest = JSON.parse(
      readFileSync(join(blobs, index.manifests[0].digest.slice(7)), 'utf8'),
    );
    writeFileSync(
      join(blobs, manifest.layers[0].digest.slice(7)),
      await tgzOf([{ name: 'b', body: 'b' }]),
    );
    const error = await t.throwsAsync(unpackImage(layout, join(work, 'root')), {
      instanceOf: InputError,
    });
    t.regex(error.message, /does not match its digest/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
