/**
 * When a container startup counts as done, as HelloBench judges it: the
 * program exits, a line of its output contains a text, or a TCP port
 * accepts connections.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../sim/errors.ts';

export type Readiness =
  { kind: 'exit' } | { kind: 'log'; text: string } | { kind: 'tcp'; port: number };

/** Parses `exit`, `log:TEXT` or `tcp:PORT`. */
export function parseReadiness(spec: string): Readiness {
  if (spec === 'exit') return { kind: 'exit' };
  if (spec.startsWith('log:') && spec.length > 4)
    return { kind: 'log', text: spec.slice(4) };
  const tcp = /^tcp:(\d{1,5})$/.exec(spec);
  if (tcp && Number(tcp[1]) > 0 && Number(tcp[1]) < 65536)
    return { kind: 'tcp', port: Number(tcp[1]) };
  throw new InputError(
    '',
    { key: '--ready' },
    { expected: 'exit, log:TEXT or tcp:PORT', found: JSON.stringify(spec) },
  );
}

export function formatReadiness(ready: Readiness): string {
  if (ready.kind === 'exit') return 'exit';
  return ready.kind === 'log' ? `log:${ready.text}` : `tcp:${ready.port}`;
}

/**
 * True when a process of the network namespace of `pid` listens on TCP
 * `port`. It reads /proc/PID/net/tcp{,6}, which show that namespace's
 * sockets, so the check works without entering the sandbox.
 */
export function listensOn(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') return true;
    }
  }
  return false;
}
