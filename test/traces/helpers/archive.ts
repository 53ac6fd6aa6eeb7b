/**
 * Building layer tarballs and image layouts inside tests, so every hostile
 * archive a test feeds the unpacker is visible in the test itself.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarItem {
  name: string;
  type?:
    | 'file'
    | 'directory'
    | 'symlink'
    | 'link'
    | 'character-device'
    | 'block-device'
    | 'fifo';
  body?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** A tar archive (uncompressed) holding `items` in order. */
export async function tarOf(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const item of items) {
    const type = item.type ?? 'file';
    // tar-stream takes an empty symlink target from the entry's body, so give it one.
    const emptyLink = type === 'symlink' && !item.linkname;
    const body =
      type === 'file' || emptyLink
        ? Buffer.from(emptyLink ? '' : (item.body ?? ''))
        : undefined;
    const header = {
      name: item.name,
      type,
      mode: item.mode ?? (type === 'directory' ? 0o755 : 0o644),
      linkname: item.linkname,
      size: body?.length ?? 0,
    };
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (body) pack.entry(header, body, cb);
      else pack.entry(header, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A gzip-compressed tar archive holding `items`. */
export async function tgzOf(items: TarItem[]): Promise<Buffer> {
  return gzipSync(await tarOf(items));
}

/**
 * A raw ustar header for an entry that claims `sizeBytes`, written in
 * base-256 when octal cannot hold it; no data follows.
 */
export function rawHeader(name: string, sizeBytes: bigint): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  if (sizeBytes < 8n ** 11n) {
    block.write(sizeBytes.toString(8).padStart(11, '0') + '\0', 124);
  } else {
    block[124] = 0x80;
    let rest = sizeBytes;
    for (let i = 135; i > 124; i--) {
      block[i] = Number(rest & 0xffn);
      rest >>= 8n;
    }
  }
  block.write('00000000000\0', 136);
  block.write('0', 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return block;
}

export function tempDir(prefix = 'slacker-trace-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Writes an OCI image layout with the given layer blobs (base first) into `dir`. */
export function writeOciLayout(
  dir: string,
  layers: Buffer[],
  name = 'test:latest',
): void {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (data: Buffer): string => {
    const digest = sha256(data);
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
    return digest;
  };
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux' }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: put(config),
        size: config.length,
      },
      layers: layers.map((layer) => ({
        mediaType:
          layer[0] === 0x1f
            ? 'application/vnd.oci.image.layer.v1.tar+gzip'
            : 'application/vnd.oci.image.layer.v1.tar',
        digest: put(layer),
        size: layer.length,
      })),
    }),
  );
  const manifestDigest = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': name },
        },
      ],
    }),
  );
}

/** A legacy `docker save` tarball holding the given layer blobs (base first). */
export async function dockerSaveOf(
  layers: Buffer[],
  tag = 'test:latest',
): Promise<Buffer> {
  const items: TarItem[] = [];
  const paths: string[] = [];
  layers.forEach((layer, i) => {
    const id = sha256(layer).slice(7);
    items.push({ name: `${id}/`, type: 'directory' });
    items.push({ name: `${id}/layer.tar`, body: layer });
    paths.push(`${id}/layer.tar`);
    void i;
  });
  items.push({
    name: 'manifest.json',
    body: JSON.stringify([{ Config: 'config.json', RepoTags: [tag], Layers: paths }]),
  });
  items.push({ name: 'config.json', body: '{}' });
  return tarOf(items);
}
