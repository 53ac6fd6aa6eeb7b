/**
 * The notebooks: committed without outputs, executed headless through
 * notebooks/run-all.sh without a cell error, every chart they draw shown, and
 * a failing cell reported by notebook and cell.
 *
 * Executing needs Jupyter and the tslab kernel (notebooks/README.md). Without
 * them the execution tests are skipped on a developer's machine and fail in CI
 * (CI=true), so that a CI that lost its install step cannot pass quietly.
 */
import test from 'ava';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const notebooksDir = join(root, 'notebooks');
const fixtures = join(root, 'test', 'notebooks', 'fixtures');
const runAll = join(notebooksDir, 'run-all.sh');
const notebooks = readdirSync(notebooksDir).filter((f) => f.endsWith('.ipynb')).sort();
// run-all.sh puts the project's tslab first on PATH; the check below must see the same.
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };

interface Cell {
  cell_type: string;
  id?: string;
  source: string[] | string;
  outputs?: Output[];
}
interface Output {
  output_type: string;
  name?: string;
  text?: string[] | string;
  data?: Record<string, string[] | string>;
}

const text = (value: string[] | string | undefined) =>
  Array.isArray(value) ? value.join('') : (value ?? '');
const cellsOf = (path: string): Cell[] => JSON.parse(readFileSync(path, 'utf8')).cells;

test('notebooks are committed without outputs, with the tslab kernel', (t) => {
  t.true(notebooks.length >= 4, `notebooks found: ${notebooks.join(', ')}`);
  for (const name of notebooks) {
    const notebook = JSON.parse(readFileSync(join(notebooksDir, name), 'utf8'));
    t.is(notebook.metadata?.kernelspec?.name, 'tslab', name);
    for (const cell of notebook.cells as Cell[]) {
      if (cell.cell_type !== 'code') continue;
      t.deepEqual(cell.outputs, [], `${name}, cell ${cell.id}: outputs are committed`);
    }
  }
});

/** What executing the notebooks lacks on this machine, or undefined. */
function missingTools(): string | undefined {
  let listing: string;
  try {
    listing = execFileSync('jupyter', ['kernelspec', 'list', '--json'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return 'jupyter';
  }
  if (!JSON.parse(listing).kernelspecs?.tslab) return 'the tslab kernel';
  return undefined;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNotebooks(args: string[]): Promise<Finished> {
  return new Promise((resolve) => {
    execFile('bash', [runAll, ...args], { env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const missing = missingTools();
const install =
  'apt-get install jupyter-nbconvert python3-ipykernel, then ' +
  'npx tslab install --python=/usr/bin/python3 (notebooks/README.md)';

if (missing && process.env.CI) {
  test('jupyter and the tslab kernel are installed for the notebook tests', (t) => {
    t.fail(`${missing} is not installed; CI must install it: ${install}`);
  });
} else if (missing) {
  test.skip(`notebooks not executed: ${missing} is not installed (${install})`, () => {});
} else {
  for (const name of notebooks) {
    test.serial(`${name} runs without a cell error and shows every chart`, async (t) => {
      t.timeout(10 * 60_000);
      const out = mkdtempSync(join(tmpdir(), 'notebooks-'));
      try {
        const run = await runNotebooks(['--out', out, join(notebooksDir, name)]);
        t.is(run.code, 0, `${run.stdout}\n${run.stderr}`);
        t.regex(run.stdout, new RegExp(`^ok +${name.replace('.', '\\.')} `, 'm'));

        for (const cell of cellsOf(join(out, name))) {
          if (cell.cell_type !== 'code') continue;
          const source = text(cell.source);
          const outputs = cell.outputs ?? [];
          const charts = outputs.filter((o) => text(o.data?.['text/html']).startsWith('<svg'));
          const shows = source.match(/await show\(/g)?.length ?? 0;
          t.is(charts.length, shows, `${name}, cell ${cell.id}: SVG charts shown`);
          const stderr = outputs.filter((o) => o.name === 'stderr').map((o) => text(o.text));
          t.deepEqual(stderr, [], `${name}, cell ${cell.id} wrote to stderr`);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }

  test.serial('run-all.sh stops at a cell that throws and names it', async (t) => {
    t.timeout(5 * 60_000);
    const run = await runNotebooks([join(fixtures, 'broken.ipynb'), join(notebooksDir, notebooks[0]!)]);
    t.is(run.code, 1);
    t.regex(run.stderr, /^FAILED broken\.ipynb$/m);
    t.regex(run.stderr, /^cell 3 \(id throws\) failed: const answer: number = 41;$/m);
    t.regex(run.stderr, /Error: boom: expected 42, found 41/);
    t.notRegex(run.stdout + run.stderr, /this cell must not run/);
    // It stopped at the first failure: the next notebook never ran.
    t.notRegex(run.stdout, /^ok /m);
  });

  test.serial('run-all.sh shows the TypeScript error of a cell that does not compile', async (t) => {
    t.timeout(5 * 60_000);
    const run = await runNotebooks([join(fixtures, 'type-error.ipynb')]);
    t.is(run.code, 1);
    t.regex(run.stderr, /^cell 2 \(id bad-type\) failed: const count: number = 'seven';$/m);
    t.regex(run.stderr, /Type 'string' is not assignable to type 'number'/);
  });
}
