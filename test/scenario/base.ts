/**
 * A small valid scenario for loader tests, one line per key so every error
 * position can be checked by hand, and helpers to edit it line by line.
 */
export const FILE = 'scenarios/x.yaml';

export const BASE_LINES = [
  'name: x', //                      1
  'seed: 3', //                      2
  'testbed:', //                     3
  '  preset: fast16', //             4
  '  workers:', //                   5
  '    count: 4', //                 6
  '    nic: 10Gbit/s', //            7
  'drivers:', //                     8
  '  - name: aufs', //               9
  '    kind: aufs', //               10
  '  - name: slacker', //            11
  '    kind: slacker', //            12
  '    block_size: 4KiB', //         13
  'workload:', //                    14
  '  images: [busybox, redis]', //   15
  '  cycles: [deployment]', //       16
  'arrivals:', //                    17
  '  pattern: isolated', //          18
];

export const BASE = `${BASE_LINES.join('\n')}\n`;

/** The base scenario with line `n` (1-based) replaced by `lines` (none deletes it). */
export function withLine(n: number, ...lines: string[]): string {
  const out = [...BASE_LINES];
  out.splice(n - 1, 1, ...lines);
  return `${out.join('\n')}\n`;
}

/** The base scenario with `lines` inserted after line `n`. */
export function afterLine(n: number, ...lines: string[]): string {
  const out = [...BASE_LINES];
  out.splice(n, 0, ...lines);
  return `${out.join('\n')}\n`;
}
