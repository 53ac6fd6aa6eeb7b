/**
 * Where the layers of an image are: an OCI image layout folder, the contents
 * of a `docker save` tarball (legacy or OCI style), or a plain root file
 * system folder. The result lists the layer blobs base first.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../sim/errors.ts';
import { normaliseEntryPath } from './entry-path.ts';
import { arrayField, objectOf, readJsonFile, stringField } from './json-file.ts';

export type SourceKind = 'oci-layout' | 'docker-save' | 'rootfs';

export interface LayerBlob {
  /** The blob on disk. */
  file: string;
  /** How errors name it, e.g. `redis.tar!blobs/sha256/1f..`. */
  label: string;
  /** Digest the layout claims for the blob, checked after reading. */
  expectedDigest?: string;
}

export interface ImageSource {
  kind: SourceKind;
  name: string;
  layers: LayerBlob[];
}

const LAYER_TYPES = new Set([
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.diff.tar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
]);
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Reads the layer list of the layout in folder `dir`; `label` names that
 * folder in errors (the tarball's name when it came from one).
 */
export function layoutLayers(dir: string, label: string): ImageSource {
  if (existsSync(join(dir, 'manifest.json'))) return dockerSaveLayers(dir, label);
  if (existsSync(join(dir, 'oci-layout')) && existsSync(join(dir, 'index.json'))) {
    return ociLayers(dir, label);
  }
  throw new InputError(
    'not an image layout',
    { file: label },
    {
      expected: 'an OCI layout (oci-layout + index.json) or a docker save manifest.json',
      found: 'neither',
    },
  );
}

function ociLayers(dir: string, label: string): ImageSource {
  const indexLabel = `${label}!index.json`;
  const index = readJsonFile(join(dir, 'index.json'), indexLabel);
  const manifests = arrayField(index, 'manifests', indexLabel);
  if (manifests.length === 0)
    throw new InputError('no manifest listed', { file: indexLabel });
  let descriptor = objectOf(manifests[0], indexLabel);
  let name = refName(descriptor) ?? basename(label);
  // An index may point at another index (multi-platform images): follow it to a manifest.
  for (let hops = 0; hops < 4; hops++) {
    const digest = checkedDigest(
      stringField(descriptor, 'digest', indexLabel),
      indexLabel,
    );
    const docLabel = `${label}!${blobPath(digest)}`;
    const doc = objectOf(readJsonFile(join(dir, blobPath(digest)), docLabel), docLabel);
    if (Array.isArray(doc.manifests)) {
      descriptor = pickPlatform(doc.manifests, docLabel);
      name = refName(descriptor) ?? name;
      continue;
    }
    const layers = arrayField(doc, 'layers', docLabel).map((layer, i) => {
      const where = `${docLabel} layers[${i}]`;
      const mediaType = stringField(layer, 'mediaType', where);
      if (!LAYER_TYPES.has(mediaType)) {
        throw new InputError(
          'unsupported layer media type',
          { file: where },
          {
            expected: 'an uncompressed or gzip tar layer',
            found: mediaType,
          },
        );
      }
      const layerDigest = checkedDigest(stringField(layer, 'digest', where), where);
      return {
        file: join(dir, blobPath(layerDigest)),
        label: `${label}!${blobPath(layerDigest)}`,
        expectedDigest: layerDigest,
      };
    });
    return { kind: 'oci-layout', name, layers };
  }
  throw new InputError('image indexes nested too deeply', { file: indexLabel });
}

function dockerSaveLayers(dir: string, label: string): ImageSource {
  const manifestLabel = `${label}!manifest.json`;
  const manifest = readJsonFile(join(dir, 'manifest.json'), manifestLabel);
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new InputError(
      '',
      { file: manifestLabel },
      { expected: 'a non-empty array', found: typeof manifest },
    );
  }
  const image = objectOf(manifest[0], manifestLabel);
  const tags = Array.isArray(image.RepoTags) ? image.RepoTags : [];
  const name = typeof tags[0] === 'string' ? tags[0] : basename(label);
  const layers = arrayField(image, 'Layers', manifestLabel).map((entry, i) => {
    if (typeof entry !== 'string') {
      throw new InputError(
        '',
        { file: manifestLabel, key: `Layers[${i}]` },
        { expected: 'a path', found: typeof entry },
      );
    }
    const path = normaliseEntryPath(entry, manifestLabel);
    const file = join(dir, path);
    if (path === '' || !existsSync(file) || !statSync(file).isFile()) {
      throw new InputError('layer listed in the manifest is missing', {
        file: manifestLabel,
        key: entry,
      });
    }
    const fromBlobs = /^blobs\/sha256\/([0-9a-f]{64})$/.exec(path);
    return {
      file,
      label: `${label}!${path}`,
      expectedDigest: fromBlobs ? `sha256:${fromBlobs[1]}` : undefined,
    };
  });
  return { kind: 'docker-save', name, layers };
}

function pickPlatform(manifests: unknown[], label: string): Record<string, unknown> {
  const objects = manifests.map((m) => objectOf(m, label));
  const amd64 = objects.find((m) => {
    const platform = m.platform as Record<string, unknown> | undefined;
    return platform?.os === 'linux' && platform?.architecture === 'amd64';
  });
  const chosen = amd64 ?? objects[0];
  if (chosen === undefined) throw new InputError('no manifest listed', { file: label });
  return chosen;
}

function refName(descriptor: Record<string, unknown>): string | undefined {
  const annotations = descriptor.annotations as Record<string, unknown> | undefined;
  const name = annotations?.['org.opencontainers.image.ref.name'];
  return typeof name === 'string' ? name : undefined;
}

function checkedDigest(digest: string, label: string): string {
  if (!DIGEST.test(digest)) {
    throw new InputError(
      '',
      { file: label, key: 'digest' },
      { expected: 'sha256:<64 hex digits>', found: digest },
    );
  }
  return digest;
}

function blobPath(digest: string): string {
  return `blobs/sha256/${digest.slice('sha256:'.length)}`;
}
