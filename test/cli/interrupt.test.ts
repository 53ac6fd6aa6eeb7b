/**
 * Ctrl-C during a run: the process stops, writes nothing, and what was in
 * the results folder before is left exactly as it was.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';

test('an interrupted run leaves the results folder as it was', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'sim-interrupt-'));
  writeFileSync(join(out, 'summary.json'), '{"earlier": true}\n');
  const root = new URL('../../', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ['--import=tsx', 'sim/cli/main.ts', 'run', 'scenarios/hellobench-synthetic.yaml', '--set', 'workload.repeat=4', '--out', out],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Four runs of each image take well over ten seconds; interrupt midway.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  child.kill('SIGINT');
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  t.true(code !== 0 || signal === 'SIGINT', `exit ${code} ${signal} ${stderr}`);
  t.deepEqual(readdirSync(out), ['summary.json']);
  t.is(readFileSync(join(out, 'summary.json'), 'utf8'), '{"earlier": true}\n');
});
