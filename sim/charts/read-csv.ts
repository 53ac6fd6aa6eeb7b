/**
 * A strict reader for the simulator's CSV result tables (RFC 4180: commas,
 * double-quoted fields, doubled quotes inside them, LF or CRLF line ends).
 * Strict because a silently mis-split row would draw a wrong chart: every
 * malformed row is an InputError naming the file and line.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import type { Row } from './rows.ts';

/** A parsed table: its column names in file order and one object per row. */
export interface CsvTable {
  file: string;
  columns: string[];
  rows: Row[];
}

const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Reads and parses a CSV file; see {@link parseCsv}. */
export function readCsv(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot read the table: ${reason}`, { file });
  }
  return parseCsv(text, file);
}

/**
 * Parses CSV text whose first record is the header. Cells that look like
 * numbers become numbers, empty cells become null, the rest stay strings.
 * `file` is only used in error messages.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records = splitRecords(text.startsWith('\uFEFF') ? text.slice(1) : text, file);
  if (records.length === 0) {
    throw new InputError('empty table', { file, line: 1 }, { expected: 'a header row' });
  }
  const header = records[0]!;
  const columns = header.cells.map((cell) => cell.trim());
  checkHeader(columns, file, header.line);

  const rows: Row[] = [];
  for (const record of records.slice(1)) {
    if (record.cells.length !== columns.length) {
      throw new InputError(
        'wrong number of fields',
        { file, line: record.line },
        {
          expected: `${columns.length} fields like the header`,
          found: `${record.cells.length}`,
        },
      );
    }
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => (row[column] = cellValue(record.cells[i]!)));
    rows.push(row);
  }
  return { file, columns, rows };
}

function checkHeader(columns: string[], file: string, line: number): void {
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (column === '') {
      throw new InputError('unnamed column in the header', { file, line, column: i + 1 });
    }
    if (seen.has(column)) {
      throw new InputError('column named twice in the header', {
        file,
        line,
        key: column,
      });
    }
    seen.add(column);
  });
}

function cellValue(cell: string): string | number | null {
  if (cell === '') return null;
  if (NUMBER_RE.test(cell)) return Number(cell);
  return cell;
}

interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

/** Splits text into records of cells; blank lines are skipped. */
function splitRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let cell = '';
      if (text[i] === '"') {
        const quoteLine = line;
        const quoteColumn = columnAt(text, i);
        i++;
        for (;;) {
          if (i >= text.length) {
            throw new InputError('quoted field never closed', {
              file,
              line: quoteLine,
              column: quoteColumn,
            });
          }
          const ch = text[i]!;
          if (ch === '"' && text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (ch === '"') {
            i++;
            break;
          } else {
            if (ch === '\n') line++;
            cell += ch;
            i++;
          }
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new InputError('text after a closing quote', {
            file,
            line,
            column: columnAt(text, i),
          });
        }
      } else {
        while (
          i < text.length &&
          text[i] !== ',' &&
          text[i] !== '\n' &&
          text[i] !== '\r'
        ) {
          if (text[i] === '"') {
            throw new InputError('quote inside an unquoted field', {
              file,
              line,
              column: columnAt(text, i),
            });
          }
          cell += text[i];
          i++;
        }
      }
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      } else if (i < text.length) {
        throw new InputError('carriage return without line feed', { file, line });
      }
      atRecordEnd = true;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    records.push({ line: start, cells });
  }
  return records;
}

/** 1-based column of text[index] within its line. */
function columnAt(text: string, index: number): number {
  return index - text.lastIndexOf('\n', index - 1);
}
