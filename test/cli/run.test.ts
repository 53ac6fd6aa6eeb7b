/**
 * `sim run`: a good scenario writes its results; a bad one writes nothing and
 * leaves what the folder held alone; the same seed gives the same bytes.
 */
import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDir, sim, snapshot } from './helpers.ts';

const SMOKE = 'scenarios/smoke.yaml';

function badScenario(dir: string): string {
  const file = join(dir, 'bad.yaml');
  const text = readFileSync(SMOKE, 'utf8').replace(
    'testbed:\n  preset: fast16\n',
    'testbed:\n  preset: fast16\n  workers:\n    count: ten\n',
  );
  writeFileSync(file, text);
  return file;
}

test.serial(
  'an invalid scenario exits 2, explains on stderr and writes nothing',
  async (t) => {
    const dir = freshDir('bad');
    const file = badScenario(dir);
    const out = join(dir, 'results');
    const { code, stdout, stderr } = await sim('run', file, '--out', out);
    t.is(code, 2);
    t.is(stdout, '');
    t.is(
      stderr,
      `sim: ${file}:11:5: testbed.workers.count: expected an integer from 1 to 1000000, found "ten"\n`,
    );
    t.false(existsSync(out), 'the results folder was created');
  },
);

test.serial(
  'a failed run leaves files already in the results folder untouched',
  async (t) => {
    const dir = freshDir('keep');
    const out = join(dir, 'results');
    await sim('run', SMOKE, '--out', out);
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const before = snapshot(out);

    let result = await sim('run', badScenario(dir), '--out', out);
    t.is(result.code, 2);
    t.deepEqual(snapshot(out), before);

    result = await sim('run', SMOKE, '--out', out, '--set', 'testbed.workers.nic=1000');
    t.is(result.code, 2);
    t.regex(
      result.stderr,
      /^sim: scenarios\/smoke\.yaml \(--set testbed\.workers\.nic=1000\): /,
    );
    t.deepEqual(snapshot(out), before);
  },
);

test.serial('sim run writes a summary, a container table and a chart', async (t) => {
  const out = join(freshDir('ok'), 'results');
  const { code, stdout, stderr } = await sim('run', SMOKE, '--out', out);
  t.is(code, 0);
  t.is(stderr, '', 'a successful run is silent on stderr');
  t.regex(stdout, /^smoke: 3 image\(s\), 6 container start\(s\), seed 1\n/);

  const files = [...snapshot(out).keys()];
  t.true(files.includes('summary.json'));
  t.true(files.includes('containers.csv'));
  t.true(files.some((f) => f.endsWith('.svg')));
  t.false(
    files.some((f) => f.startsWith('.')),
    `temporary files left: ${files.join(', ')}`,
  );

  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  t.is(summary.scenario, 'smoke');
  t.is(summary.seed, 1);
  const rows = readFileSync(join(out, 'containers.csv'), 'utf8').trim().split('\n');
  t.is(rows.length, 1 + 6, 'a header and one row per container start');
  t.regex(rows[0]!, /^container,worker,image,.*driver/);
  const images = rows
    .slice(1)
    .map((r) => r.split(',')[2])
    .sort();
  t.deepEqual(images, ['busybox', 'busybox', 'python', 'python', 'redis', 'redis']);
  t.true(
    readFileSync(
      join(
        out,
        files.find((f) => f.endsWith('.svg'))!,
      ),
      'utf8',
    ).includes('<svg'),
  );
});

test.serial(
  'the same seed gives byte-identical files; another seed changes the table',
  async (t) => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(freshDir(`seed-${n}`), 'results'));
    t.is((await sim('run', SMOKE, '--out', a!, '--seed', '1')).code, 0);
    t.is((await sim('run', SMOKE, '--out', b!)).code, 0);
    t.is((await sim('run', SMOKE, '--out', c!, '--seed', '2')).code, 0);

    const first = snapshot(a!);
    const second = snapshot(b!);
    t.deepEqual([...second.keys()], [...first.keys()]);
    for (const [name, bytes] of first)
      t.true(bytes.equals(second.get(name)!), `${name} differs`);

    const other = readFileSync(join(c!, 'containers.csv'));
    t.false(
      other.equals(first.get('containers.csv')!),
      'seed 2 gave the same containers.csv',
    );
  },
);

test.serial(
  '--verbose reports events, simulated time and wall time on stderr',
  async (t) => {
    const out = join(freshDir('verbose'), 'results');
    const { code, stderr } = await sim('run', SMOKE, '--out', out, '--verbose');
    t.is(code, 0);
    const m = /(\d+) events, ([\d.]+) s simulated, ([\d.]+) s wall/.exec(stderr);
    t.truthy(m, `no engine report in: ${stderr}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    t.is(Number(m![1]), summary.simulation.events);
    t.true(Math.abs(Number(m![2]) - summary.simulation.simulated_time_s) < 1e-3);
    t.true(Number(m![3]) > 0);
  },
);

test.serial(
  'a second run into the same folder removes the files only the first one wrote',
  async (t) => {
    const dir = freshDir('rerun');
    const out = join(dir, 'results');
    const crowd = ['--set', 'testbed.workers.count=10', '--out', out];
    t.is((await sim('run', 'scenarios/flash-crowd.yaml', ...crowd)).code, 0);
    t.true(existsSync(join(out, 'storage-egress.svg')));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    // A result file edited since is the user's now: it stays too.
    writeFileSync(join(out, 'timeseries.csv'), 'edited\n');
    // AUFS alone moves nothing through the storage server: no such chart.
    const aufsOnly = ['--set', 'drivers=[{name: aufs, kind: aufs}]', ...crowd];
    t.is((await sim('run', 'scenarios/flash-crowd.yaml', ...aufsOnly)).code, 0);
    t.false(existsSync(join(out, 'storage-egress.svg')));
    t.true(existsSync(join(out, 'registry-egress.svg')));
    t.is(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine');
    // (The AUFS-only crowd rewrote timeseries.csv; an isolated run writes none.)
    writeFileSync(join(out, 'timeseries.csv'), 'edited\n');
    t.is((await sim('run', SMOKE, '--out', out)).code, 0);
    t.is(readFileSync(join(out, 'timeseries.csv'), 'utf8'), 'edited\n');
    t.false(existsSync(join(out, 'registry-egress.svg')));
  },
);
