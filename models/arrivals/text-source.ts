/**
 * Text read piece by piece, so that importers never hold a whole trace file
 * in memory: the real Azure and IBM files run to hundreds of megabytes.
 * Reading is synchronous because a run resolves its arrivals synchronously.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../../sim/errors.ts';

/** A named text that can be walked chunk by chunk (a file, or a string in tests). */
export interface TextSource {
  /** Shown in error messages: the file path. */
  readonly name: string;
  /** Calls `onChunk` with consecutive pieces of the text, in order. */
  forEachChunk(onChunk: (text: string) => void): void;
}

const CHUNK_BYTES = 1 << 20;

/** A UTF-8 file read in 1 MiB chunks (a leading byte-order mark is dropped). */
export function fileSource(file: string): TextSource {
  return {
    name: file,
    forEachChunk(onChunk) {
      let fd: number;
      try {
        fd = openSync(file, 'r');
      } catch (error) {
        throw unreadable('cannot open the arrivals file', file, error);
      }
      try {
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        const decoder = new TextDecoder('utf-8', { fatal: true });
        for (;;) {
          const n = readChunk(fd, buffer, file);
          const text = decode(decoder, buffer.subarray(0, n), n === 0, file);
          if (text) onChunk(text);
          if (n === 0) break;
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A string cut into chunks of `chunkChars` (tests use it to move chunk boundaries). */
export function stringSource(
  name: string,
  text: string,
  chunkChars = CHUNK_BYTES,
): TextSource {
  const step = Math.max(1, Math.floor(chunkChars));
  return {
    name,
    forEachChunk(onChunk) {
      const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      for (let at = 0; at < body.length; at += step) onChunk(body.slice(at, at + step));
    },
  };
}

function readChunk(fd: number, buffer: Buffer, file: string): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch (error) {
    throw unreadable('cannot read the arrivals file', file, error);
  }
}

function decode(
  decoder: TextDecoder,
  bytes: Uint8Array,
  last: boolean,
  file: string,
): string {
  try {
    return decoder.decode(bytes, { stream: !last });
  } catch {
    throw new InputError(
      '',
      { file },
      {
        expected: 'UTF-8 text',
        found: 'bytes that are not UTF-8',
      },
    );
  }
}

/** The input error for a file system failure on the arrivals file. */
function unreadable(problem: string, file: string, error: unknown): InputError {
  const found = (error as NodeJS.ErrnoException).code ?? String(error);
  return new InputError(problem, { file }, { expected: 'a readable file', found });
}
