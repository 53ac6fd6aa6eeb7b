/**
 * The block method (root): the flattened image as ext4 on a loop device,
 * caches dropped, and every block request the run issues to that device
 * recorded from the `block:block_rq_issue` tracepoint, the nearest this
 * kind of machine allows to the paper's blktrace. Completions give each
 * request its duration, so replay does not count disk time as compute.
 */
import type { TraceEvent } from '../format.ts';
import { EXT4_BLOCK_BYTES } from './ext4-image.ts';
import { kernelResult, runOnExt4 } from './kernel-run.ts';
import type { MethodContext, MethodResult } from './method.ts';

const SECTOR_BYTES = 512;
// e.g. "7,3 R 0 () 274432 + 8 [cat]"
const REQUEST = /^(\d+),(\d+) (\S+) \d+ \(.*?\) (\d+) \+ (\d+)/;
// e.g. "7,3 R () 274432 + 8 be,0,4 [0]"
const COMPLETION = /^\d+,\d+ \S+ \(.*?\) (\d+) \+ \d+/;

/** Captures the block requests of one startup. */
export async function captureWithBlockTrace(ctx: MethodContext): Promise<MethodResult> {
  const run = await runOnExt4(
    ctx,
    ['block/block_rq_issue', 'block/block_rq_complete'],
    (m) => `dev == ${m.kernelDev}`,
  );
  const events: TraceEvent[] = [];
  // Requests in flight by first sector, oldest first, waiting for their completion.
  const inFlight = new Map<string, TraceEvent[]>();
  for (const e of run.events) {
    if (e.name === 'block_rq_complete') {
      const done = COMPLETION.exec(e.text);
      const waiting = done ? inFlight.get(done[1]!) : undefined;
      const request = waiting?.shift();
      if (request) request.durationSec = Math.max(0, e.timeSec - request.timeSec);
      continue;
    }
    const m = REQUEST.exec(e.text);
    if (!m || e.timeSec > run.readySec) continue;
    const flags = m[3]!;
    const sectors = Number(m[5]);
    if (sectors === 0) continue;
    const op = flags.includes('W')
      ? 'block-write'
      : flags.includes('R')
        ? 'block-read'
        : undefined;
    if (op === undefined) continue;
    const byte = Number(m[4]) * SECTOR_BYTES;
    const event: TraceEvent = {
      timeSec: e.timeSec,
      op,
      target: Math.floor(byte / EXT4_BLOCK_BYTES),
      offsetBytes: byte % EXT4_BLOCK_BYTES,
      lengthBytes: sectors * SECTOR_BYTES,
    };
    events.push(event);
    const queue = inFlight.get(m[4]!) ?? [];
    queue.push(event);
    inFlight.set(m[4]!, queue);
  }
  return kernelResult(ctx, run, events);
}
