/**
 * Cutting streamed text into lines, numbered from 1, with `\r\n` or `\n`
 * endings. A line longer than the limit is refused rather than buffered
 * without end (a binary file has no line breaks).
 */
import { InputError } from '../../sim/errors.ts';
import type { TextSource } from './text-source.ts';

/** Longest line accepted, in characters: a full Azure row is about 3,000. */
export const MAX_LINE_CHARS = 1 << 24;

/**
 * Calls `onLine(text, lineNumber)` for every line of `source`. A final line
 * without a line break counts; the empty string after a final break does not.
 */
export function forEachLine(
  source: TextSource,
  onLine: (text: string, line: number) => void,
  maxLineChars = MAX_LINE_CHARS,
): void {
  let carry = '';
  let line = 1;
  source.forEachChunk((chunk) => {
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      const piece = carry + chunk.slice(from, nl);
      carry = '';
      checkLength(piece.length, source.name, line, maxLineChars);
      onLine(stripCr(piece), line);
      line += 1;
      from = nl + 1;
    }
    carry += chunk.slice(from);
    checkLength(carry.length, source.name, line, maxLineChars);
  });
  if (carry !== '') onLine(stripCr(carry), line);
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

function checkLength(chars: number, file: string, line: number, max: number): void {
  if (chars > max) {
    throw new InputError(
      'line too long',
      { file, line },
      {
        expected: `lines of at most ${max} characters`,
        found: `a longer one (is this a text file?)`,
      },
    );
  }
}
