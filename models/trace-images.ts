/**
 * Images whose file tables and startups come from real traces. A trace's
 * image takes the place of the synthetic catalogue image of the same name;
 * its category and run class come from the catalogue when the name is a
 * HelloBench image, and from the trace's notes otherwise.
 */
import { basename } from 'node:path';
import { readTrace } from '../traces/format-read.ts';
import { traceToStartup } from '../traces/to-startup.ts';
import { hellobenchEntries } from './catalogue/hellobench.ts';
import type { Image } from './image.ts';

/** The image a trace file describes, ready to replay through any driver. */
export function imageFromTrace(file: string): Image {
  const trace = readTrace(file);
  const { layers, startup } = traceToStartup(trace);
  const name = trace.header.image.split(':')[0]!.split('/').pop()!;
  const entry = hellobenchEntries().find((e) => e.name === name);
  const notes = trace.header.notes ?? {};
  return {
    name,
    category: entry?.category ?? notes.category ?? 'traced',
    runClass: entry?.runClass ?? runClassOf(trace.header.ready),
    layers,
    startup,
    source: basename(file),
  };
}

/** HelloBench's run class from a readiness criterion: exit, log line or port. */
function runClassOf(ready: string): string {
  if (ready.startsWith('log:')) return 'log';
  if (ready.startsWith('tcp:')) return 'http';
  return 'arg';
}

/**
 * `synthetic` with every image that has a trace replaced by it; traced
 * images not in `synthetic` are added at the end, in the order given.
 */
export function withTraces(synthetic: readonly Image[], traced: readonly Image[]): Image[] {
  const byName = new Map(traced.map((t) => [t.name, t]));
  const out = synthetic.map((image) => byName.get(image.name) ?? image);
  const present = new Set(out.map((i) => i.name));
  for (const t of traced) if (!present.has(t.name)) out.push(t);
  return out;
}
