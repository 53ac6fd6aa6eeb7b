/**
 * Streaming reader of a file that holds one JSON array of objects (the IBM
 * registry traces). It only finds where each element starts and ends, then
 * hands that slice to the built-in `JSON.parse`, so memory stays at one
 * record and the parsing itself is native and exact. Each record comes with
 * its index in the array and the line and column where it starts.
 */
import { InputError } from '../../sim/errors.ts';
import type { TextSource } from './text-source.ts';

export interface JsonRecordPosition {
  /** 0-based index of the record in the array. */
  index: number;
  /** 1-based line and column where the record's `{` is. */
  line: number;
  column: number;
}

/** Largest record accepted, in characters (a real record is under 1,000). */
export const MAX_RECORD_CHARS = 1 << 20;
/** Deepest nesting accepted inside one record. */
export const MAX_RECORD_DEPTH = 64;

type State =
  | 'before-array'
  | 'first-record'
  | 'before-record'
  | 'in-record'
  | 'after-record'
  | 'done';

const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const BRACKET_OPEN = 0x5b;
const BRACKET_CLOSE = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
/** Characters that change the scanner's state inside a string, and outside one. */
const STRING_STOPS = /["\\\n]/g;
const STRUCTURE_STOPS = /[{}[\]"\n]/g;

/**
 * Calls `onRecord(value, position)` for each element of the top-level array
 * of `source`, in order. Every element must be a JSON object. Throws
 * `InputError` (file, line, column, record index) on anything else.
 */
export function forEachJsonRecord(
  source: TextSource,
  onRecord: (value: Record<string, unknown>, at: JsonRecordPosition) => void,
): void {
  const file = source.name;
  let state: State = 'before-array';
  let line = 1;
  let lineStart = 0; // offset of the current line's first char, relative to the chunk
  let index = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let carry = '';
  let start: JsonRecordPosition = { index: 0, line: 1, column: 1 };

  const fail = (expected: string, found: string, at = { line, column: 0 }): never => {
    const column = at.column || undefined;
    throw new InputError(
      '',
      { file, line: at.line, column, key: `record ${index}` },
      {
        expected,
        found,
      },
    );
  };

  source.forEachChunk((chunk) => {
    let recordFrom = state === 'in-record' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      if (state === 'in-record') {
        // Jump to the next character that matters instead of visiting each one.
        if (escaped) {
          escaped = false;
          if (chunk.charCodeAt(i) !== NEWLINE) continue;
        } else {
          const stops = inString ? STRING_STOPS : STRUCTURE_STOPS;
          stops.lastIndex = i;
          if (!stops.test(chunk)) break;
          i = stops.lastIndex - 1;
        }
        const c = chunk.charCodeAt(i);
        if (c === NEWLINE) {
          line += 1;
          lineStart = i + 1;
        } else if (inString) {
          if (c === BACKSLASH) escaped = true;
          else inString = false;
        } else if (c === QUOTE) inString = true;
        else if (c === BRACE_OPEN || c === BRACKET_OPEN) {
          depth += 1;
          if (depth > MAX_RECORD_DEPTH) {
            fail(`nesting at most ${MAX_RECORD_DEPTH} deep`, 'deeper', start);
          }
        } else if (c === BRACE_CLOSE || c === BRACKET_CLOSE) {
          depth -= 1;
          if (depth === 0) {
            const text = carry + chunk.slice(recordFrom, i + 1);
            carry = '';
            recordFrom = -1;
            emit(text);
            state = 'after-record';
          }
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) {
        line += 1;
        lineStart = i + 1;
      }
      if (isSpace(c)) continue;
      const column = i - lineStart + 1;
      switch (state) {
        case 'before-array':
          if (c !== BRACKET_OPEN) {
            fail('a JSON array of records', describeChar(chunk, i), { line, column });
          }
          state = 'first-record';
          break;
        case 'first-record':
        case 'before-record':
          if (c === BRACKET_CLOSE && state === 'first-record') {
            state = 'done';
            break;
          }
          if (c !== BRACE_OPEN) {
            fail('a record (a JSON object)', describeChar(chunk, i), { line, column });
          }
          start = { index, line, column };
          state = 'in-record';
          depth = 1;
          inString = false;
          escaped = false;
          recordFrom = i;
          break;
        case 'after-record':
          if (c === COMMA) state = 'before-record';
          else if (c === BRACKET_CLOSE) state = 'done';
          else
            fail('"," or "]" after a record', describeChar(chunk, i), { line, column });
          break;
        case 'done':
          fail('nothing after the closing "]"', describeChar(chunk, i), { line, column });
      }
    }
    if (state === 'in-record') {
      carry += chunk.slice(recordFrom);
      if (carry.length > MAX_RECORD_CHARS) {
        fail(`records of at most ${MAX_RECORD_CHARS} characters`, 'a longer one', start);
      }
    }
    lineStart -= chunk.length;
  });

  const end = state as State;
  if (end !== 'done') {
    if (end === 'before-array') fail('a JSON array of records', 'an empty file');
    fail(
      'a closing "]" (is the file cut short?)',
      'the end of the file inside the array',
    );
  }

  function emit(text: string): void {
    if (text.length > MAX_RECORD_CHARS) {
      fail(`records of at most ${MAX_RECORD_CHARS} characters`, 'a longer one', start);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = (error as Error).message.slice(0, 80);
      fail('a valid JSON object', `invalid JSON (${reason})`, start);
    }
    onRecord(value as Record<string, unknown>, start);
    index += 1;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeChar(chunk: string, i: number): string {
  return JSON.stringify(chunk.slice(i, i + 12));
}
