/**
 * Parsing the lines strace writes with `-f -ttt -T -o FILE`: pid, time,
 * system call, arguments, result, duration. Split calls (`<unfinished ...>`
 * followed by `<... NAME resumed>`) are joined, keeping the start time.
 */

export interface SyscallRecord {
  pid: number;
  /** Seconds since the epoch, as strace printed them. */
  timeSec: number;
  name: string;
  /** Top-level arguments, as printed (strings still quoted). */
  args: string[];
  /** The numeric result, or NaN when strace printed `?`. */
  result: number;
  /** `ENOENT` and the like when the call failed. */
  errno?: string;
  durationSec?: number;
  /** With --pidns-translation: a pid result as the tracer's pid namespace sees it. */
  hostResult?: number;
}

export interface ExitRecord {
  pid: number;
  timeSec: number;
  exit: true;
}

const HEAD = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
const RESULT =
  /\)\s+=\s+(0x[0-9a-f]+|-?\d+|\?)(?:\s+([A-Z][A-Z0-9_]+))?[^<]*(?:<(\d+\.\d+)>)?\s*$/;

/**
 * Yields the system calls and process exits in `lines`, in the order
 * they finished; malformed lines are skipped (strace output of a killed
 * run ends mid-line).
 */
export function* parseStraceLines(
  lines: Iterable<string>,
): Generator<SyscallRecord | ExitRecord> {
  const pending = new Map<number, { timeSec: number; text: string }>();
  for (const line of lines) {
    const head = HEAD.exec(line);
    if (!head) continue;
    const pid = Number(head[1]);
    const timeSec = Number(head[2]);
    let text = head[3]!;
    if (text.startsWith('+++')) {
      if (/exited with|killed by/.test(text)) yield { pid, timeSec, exit: true };
      continue;
    }
    if (text.startsWith('---')) continue;
    if (text.endsWith('<unfinished ...>')) {
      pending.set(pid, { timeSec, text: text.slice(0, -'<unfinished ...>'.length) });
      continue;
    }
    let start = timeSec;
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(text);
    if (resumed) {
      const first = pending.get(pid);
      pending.delete(pid);
      if (first === undefined) continue;
      start = first.timeSec;
      text = first.text + resumed[2]!;
    }
    const record = parseCall(pid, start, text);
    if (record) yield record;
  }
}

function parseCall(
  pid: number,
  timeSec: number,
  text: string,
): SyscallRecord | undefined {
  const open = text.indexOf('(');
  if (open <= 0) return undefined;
  const name = text.slice(0, open);
  if (!/^\w+$/.test(name)) return undefined;
  const result = RESULT.exec(text);
  if (!result) return undefined;
  const close = closingParen(text, open);
  if (close < 0) return undefined;
  const value = result[1]!;
  const record: SyscallRecord = {
    pid,
    timeSec,
    name,
    args: splitArgs(text.slice(open + 1, close)),
    result: value === '?' ? NaN : Number(value),
  };
  if (result[2]) record.errno = result[2];
  if (result[3]) record.durationSec = Number(result[3]);
  const host = /= -?\d+ \/\* (\d+) in strace's PID NS \*\//.exec(text.slice(close));
  if (host) record.hostResult = Number(host[1]);
  return record;
}

/** Index of the parenthesis closing the one at `open`, skipping strings and nesting. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth += 1;
    if (c === ')' || c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function endOfString(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return text.startsWith('...', i + 1) ? i + 3 : i;
  }
  return text.length;
}

/** Splits an argument list at top-level commas. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = endOfString(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || args.length > 0) args.push(last);
  return args;
}

/** The string value of a quoted strace argument (`"/etc/\\303\\251"`), or undefined. */
export function unquote(arg: string | undefined): string | undefined {
  if (arg === undefined || !arg.startsWith('"')) return undefined;
  const end = arg.endsWith('"...') ? arg.length - 4 : arg.length - 1;
  const body = arg.slice(1, end);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i];
    if (next === undefined) break;
    const simple: Record<string, number> = {
      n: 10,
      t: 9,
      r: 13,
      v: 11,
      f: 12,
      '"': 34,
      '\\': 92,
    };
    if (next in simple) bytes.push(simple[next]!);
    else if (next === 'x') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      bytes.push(parseInt(digits, 8));
    } else bytes.push(...Buffer.from(next, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** An integer argument (decimal, hex, or `[N]` / `[N => M]` pointer notation), or undefined. */
export function intArg(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  const m = /^\[?(-?(?:0x[0-9a-f]+|\d+))/.exec(arg);
  return m ? Number(m[1]) : undefined;
}
