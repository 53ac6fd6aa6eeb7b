import test from 'ava';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { mergeSweeps } from '../../sim/sweep/merge.ts';
import { bytes, runTiny, scratch, TINY } from './helpers.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Container {
  env: { name: string; value: string }[];
  command: string[];
  args: string[];
}

function indexedJob() {
  const text = readFileSync(join(root, 'deploy/kubernetes-indexed-job.yaml'), 'utf8');
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  return docs.find((d) => d?.kind === 'Job');
}

test('the Indexed Job has one completion per shard', (t) => {
  const job = indexedJob();
  t.is(job.spec.completionMode, 'Indexed');
  const container = job.spec.template.spec.containers[0] as Container;
  const shards = container.env.find((e) => e.name === 'SHARDS')!.value;
  t.is(String(job.spec.completions), shards);
  t.deepEqual(container.command, ['sh', '-c']);
});

// Shard 0 through the Slurm script and shard 1 through the Job's own
// container command, merged: the same table as one run on one machine.
test('a Slurm task and an Indexed Job pod together make the whole sweep', async (t) => {
  const work = scratch('deploy');
  const container = indexedJob().spec.template.spec.containers[0] as Container;
  const env = { ...process.env, SLURM_SUBMIT_DIR: root };
  await Promise.all([
    run('bash', [join(root, 'deploy/slurm-array.sh'), TINY, work, '2'], {
      cwd: root,
      env: { ...env, SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_PER_TASK: '1' },
    }),
    run(container.command[0]!, [...container.command.slice(1), container.args[0]!], {
      cwd: root,
      env: {
        ...env,
        JOB_COMPLETION_INDEX: '1',
        SCENARIO: TINY,
        RESULTS: work,
        SHARDS: '2',
        JOBS: '1',
      },
    }),
  ]);
  t.deepEqual(readdirSync(join(work, 'shard-1', 'points')), ['00001.json', '00003.json']);

  const merged = scratch('deploy-merged');
  mergeSweeps({ dirs: [join(work, 'shard-0'), join(work, 'shard-1')], outDir: merged });
  const single = scratch('deploy-single');
  await runTiny(single, { jobs: 1 });
  t.true(bytes(merged, 'sweep.csv').equals(bytes(single, 'sweep.csv')));
});
