/**
 * A tiny three-layer image built from Debian's busybox-static, for end to
 * end captures: base (busybox and its applet links), a data layer, and an
 * app layer with a start script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tgzOf, writeOciLayout, type TarItem } from './archive.ts';

export const BUSYBOX = '/bin/busybox';
const APPLETS = [
  'sh',
  'cat',
  'echo',
  'ls',
  'sleep',
  'head',
  'nc',
  'env',
  'httpd',
  'touch',
];

/** True when the host has a static busybox to build the image from. */
export function haveBusybox(): boolean {
  if (!existsSync(BUSYBOX)) return false;
  // A dynamically linked busybox would need the host's libraries inside the image.
  return !readFileSync(BUSYBOX).subarray(0, 4096).includes('ld-linux');
}

/** Writes the image as an OCI layout into `dir`. */
export async function writeBusyboxImage(dir: string): Promise<void> {
  const base: TarItem[] = [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', body: readFileSync(BUSYBOX), mode: 0o755 },
    ...APPLETS.map((a): TarItem => ({
      name: `bin/${a}`,
      type: 'symlink',
      linkname: 'busybox',
    })),
    { name: 'etc/', type: 'directory' },
    { name: 'tmp/', type: 'directory', mode: 0o1777 },
  ];
  const data: TarItem[] = [
    { name: 'etc/motd', body: 'welcome to the test image\n' },
    { name: 'etc/big', body: Buffer.alloc(256 * 1024, 'b') },
  ];
  const app: TarItem[] = [
    { name: 'app/', type: 'directory' },
    {
      name: 'app/start.sh',
      mode: 0o755,
      body: '#!/bin/sh\ncat /etc/motd\nhead -c 100 /etc/big > /dev/null\necho started-ok > /tmp/state\necho started-ok\n',
    },
  ];
  writeOciLayout(
    dir,
    [await tgzOf(base), await tgzOf(data), await tgzOf(app)],
    'busybox-test:latest',
  );
}

export function imagePath(work: string): string {
  return join(work, 'image');
}
