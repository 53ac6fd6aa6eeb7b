/**
 * A private tracefs instance, so a capture neither sees nor disturbs other
 * users of the global trace buffer. It uses the monotonic clock, which is
 * the clock of `process.hrtime`, so event times compare with ours.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from './run-tool.ts';
import { TRACEFS } from './tools.ts';

export class TraceInstance {
  readonly dir: string;

  constructor(name: string, onCleanup: (step: () => void) => void) {
    this.dir = join(TRACEFS, 'instances', name);
    mkdirSync(this.dir);
    onCleanup(() => {
      this.write('tracing_on', '0');
      rmdirSync(this.dir);
    });
    this.write('tracing_on', '0');
    this.write('trace_clock', 'mono');
    this.write('buffer_size_kb', '65536');
  }

  /** Enables `event` (e.g. `block/block_rq_issue`) with an optional filter. */
  enable(event: string, filter?: string): void {
    if (filter !== undefined) this.write(`events/${event}/filter`, filter);
    this.write(`events/${event}/enable`, '1');
  }

  /** True when the kernel has tracepoint `event` (`group/name`). */
  has(event: string): boolean {
    return existsSync(join(this.dir, 'events', event, 'enable'));
  }

  start(): void {
    this.write('tracing_on', '1');
  }

  stop(): void {
    this.write('tracing_on', '0');
  }

  /** The recorded events as text lines. */
  lines(): string[] {
    return readFileSync(join(this.dir, 'trace'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'));
  }

  private write(file: string, value: string): void {
    writeFileSync(join(this.dir, file), value);
  }
}

/** Monotonic clock seconds (same clock as the instance's `mono`). */
export function monoNowSec(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** Drops the page cache, dentries and inodes, after writing dirty data back. */
export function dropCaches(): void {
  runTool('sync', []);
  writeFileSync('/proc/sys/vm/drop_caches', '3');
}
