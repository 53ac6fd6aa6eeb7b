/**
 * `sim` on the command line: help, unknown commands and options, missing
 * arguments. Mistakes exit with status 2 and one clear line on stderr.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { sim, simProcess } from './helpers.ts';

test.serial('sim --help lists run, validate and chart, with examples', async (t) => {
  const { code, stdout, stderr } = await sim('--help');
  t.is(code, 0);
  t.is(stderr, '');
  for (const command of ['run <file>', 'validate <file>', 'chart <results>']) {
    t.true(stdout.includes(`sim ${command}`), `help lacks "sim ${command}"`);
  }
  const examples = stdout.slice(stdout.indexOf('Examples:'));
  t.true(stdout.includes('Examples:'));
  t.regex(examples, /sim run scenarios\/hellobench\.yaml/);
  t.regex(examples, /sim validate scenarios\//);
  t.regex(examples, /sim chart results\//);
});

test.serial('sim run --help describes the options', async (t) => {
  const { code, stdout } = await sim('run', '--help');
  t.is(code, 0);
  for (const option of ['--out', '--seed', '--set', '--verbose'])
    t.true(stdout.includes(option), option);
});

test.serial(
  'an unknown command exits 2 and says so, with the commands there are',
  async (t) => {
    const { code, stdout, stderr } = await sim('foo');
    t.is(code, 2);
    t.is(stdout, '');
    t.regex(
      stderr,
      /^sim: unknown command "foo" \(commands: run, validate, chart[^)]*; see sim --help\)\n$/,
    );
  },
);

test.serial('a misspelt command gets a suggestion', async (t) => {
  const { code, stderr } = await sim('rn', 'scenarios/smoke.yaml');
  t.is(code, 2);
  t.regex(stderr, /unknown command "rn" \(did you mean "run"\?/);
});

test.serial('no command at all exits 2 and asks for one', async (t) => {
  const { code, stderr } = await sim();
  t.is(code, 2);
  t.regex(
    stderr,
    /^sim: name a command, e\.g\. `sim run scenarios\/hellobench\.yaml`\n$/,
  );
});

test.serial('a missing argument names it and shows the usage', async (t) => {
  let result = await sim('run');
  t.is(result.code, 2);
  t.is(result.stderr, 'sim: run: missing <file> (usage: sim run <file> [options])\n');
  result = await sim('validate');
  t.is(result.code, 2);
  t.is(
    result.stderr,
    'sim: validate: missing <file> (usage: sim validate <file> [options])\n',
  );
});

test.serial(
  'an unknown option or an extra argument exits 2 without running',
  async (t) => {
    let result = await sim('run', 'scenarios/smoke.yaml', '--bogus');
    t.is(result.code, 2);
    t.is(result.stdout, '');
    t.regex(
      result.stderr,
      /^sim: run: unknown option --bogus \(usage: sim run <file> \[options\]/,
    );
    result = await sim('run', 'scenarios/smoke.yaml', 'scenarios/hellobench.yaml');
    t.is(result.code, 2);
    t.regex(
      result.stderr,
      /^sim: run: unexpected argument "scenarios\/hellobench\.yaml"/,
    );
    result = await sim('run', 'scenarios/smoke.yaml', '--seed', '-1');
    t.is(result.code, 2);
    t.regex(result.stderr, /^sim: run: --seed: expected an integer from 0 to 9007199254740991, found "-1"\n$/);
    // What was typed is quoted back, not "not a number".
    result = await sim('run', 'scenarios/smoke.yaml', '--seed', 'abc');
    t.is(result.code, 2);
    t.regex(result.stderr, /^sim: run: --seed: expected an integer from 0 to 9007199254740991, found "abc"\n$/);
  },
);

test.serial('sim validate accepts a good scenario and refuses a bad path', async (t) => {
  let result = await sim('validate', 'scenarios/smoke.yaml');
  t.is(result.code, 0);
  t.regex(result.stdout, /^scenarios\/smoke\.yaml: valid \(2 driver\(s\), 3 image\(s\)/);
  result = await sim('validate', 'scenarios/no-such.yaml');
  t.is(result.code, 2);
  t.is(
    result.stderr,
    'sim: scenarios/no-such.yaml: expected a readable scenario file, found no such file\n',
  );
});

test('as a real process, an unknown command exits with status 2', (t) => {
  const { code, stdout, stderr } = simProcess('foo');
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /^sim: unknown command "foo"/);
});

test.serial(
  '--out with no folder after it is refused, not read as the current folder',
  async (t) => {
    for (const args of [['--out'], ['--out='], ['--out', '--verbose']]) {
      const { code, stdout, stderr } = await sim('run', 'scenarios/smoke.yaml', ...args);
      t.is(code, 2);
      t.is(stdout, '');
      t.is(stderr, 'sim: run: expected a value after --out, found nothing\n');
    }
  },
);

test.serial(
  'a file given after --set is still the scenario (--set takes one value)',
  async (t) => {
    const out = await mkdtemp(join(tmpdir(), 'sim-set-'));
    const { code, stderr } = await sim('run', '--set', 'seed=2', 'scenarios/smoke.yaml', '--out', out);
    t.is(code, 0, stderr);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    t.is(summary.seed, 2);
  },
);
