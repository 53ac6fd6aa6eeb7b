/**
 * `sim trace capture` records a real container startup as a trace;
 * `sim trace info` summarises one trace or compares two runs of one image.
 */
import type { Argv, CommandModule } from 'yargs';
import { writeTrace } from '../../../traces/format.ts';
import { readTrace } from '../../../traces/format-read.ts';
import { captureTrace } from '../../../traces/capture/capture.ts';
import { parseReadiness } from '../../../traces/capture/readiness.ts';
import type { Method } from '../../../traces/capture/tools.ts';
import { compareTraces, summariseTrace } from '../../../traces/info/summary.ts';
import { formatComparison, formatSummary } from '../../../traces/info/format-summary.ts';
import { InputError } from '../../errors.ts';
import { parseDurationSec } from '../../units.ts';

interface CaptureArgs {
  image: string;
  method: string;
  ready: string;
  name?: string;
  timeout: string;
  out: string;
  network: boolean;
  env: string[];
  user: string;
  workdir: string;
  stdin?: string;
  verbose: boolean;
  '--'?: Array<string | number>;
  _: Array<string | number>;
}

interface InfoArgs {
  file: string;
  json: boolean;
  compare?: string;
}

const captureCommand: CommandModule<object, CaptureArgs> = {
  command: 'capture',
  describe: 'run a command inside an image, isolated, and record its startup as a trace',
  builder: (yargs) =>
    (yargs as unknown as Argv<object>)
      .parserConfiguration({ 'populate--': true })
      .usage('$0 trace capture --image PATH [options] --out FILE -- CMD [ARGS...]')
      .option('image', {
        type: 'string',
        demandOption: true,
        describe: 'OCI layout folder, docker save tarball or root folder',
      })
      .option('method', {
        type: 'string',
        choices: ['strace', 'block', 'pagecache'],
        default: 'strace',
        describe: 'what to record',
      })
      .option('ready', {
        type: 'string',
        default: 'exit',
        describe: 'exit, log:TEXT or tcp:PORT',
      })
      .option('name', { type: 'string', describe: 'image name recorded in the trace' })
      .option('timeout', {
        type: 'string',
        default: '60s',
        describe: 'time limit for the startup',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'trace file to write (.trace.gz)',
      })
      .option('network', {
        type: 'boolean',
        default: false,
        describe: 'keep the host network (default: none)',
      })
      .option('env', {
        type: 'string',
        array: true,
        default: [],
        describe: 'KEY=VALUE for the command (repeatable)',
      })
      .option('user', {
        type: 'string',
        default: '0:0',
        describe: 'UID:GID the command runs as inside',
      })
      .option('workdir', {
        type: 'string',
        default: '/',
        describe: 'working folder inside the image',
      })
      .option('stdin', {
        type: 'string',
        describe: 'file fed to the command on standard input',
      })
      .option('verbose', {
        type: 'boolean',
        default: false,
        describe: "echo the command's output",
      })
      .example(
        '$0 trace capture --image busybox.tar --out busybox.trace.gz -- /bin/echo hello',
        '',
      )
      .example(
        '$0 trace capture --image redis/ --ready "log:Ready to accept" --out redis.trace.gz -- redis-server',
        '',
      ) as unknown as Argv<CaptureArgs>,
  handler: async (args) => {
    const command = (args['--'] ?? []).map(String);
    const timeoutSec = withKey('--timeout', () => parseDurationSec(args.timeout));
    const [uid, gid] = parseUser(args.user);
    const { trace, warnings } = await captureTrace({
      image: args.image,
      method: args.method as Method,
      command,
      ready: parseReadiness(args.ready),
      name: args.name,
      timeoutSec,
      network: args.network,
      env: parseEnv(args.env),
      uid,
      gid,
      workdir: args.workdir,
      stdinFile: args.stdin,
      onOutput: args.verbose ? (chunk) => process.stderr.write(chunk) : undefined,
    });
    writeTrace(args.out, trace);
    for (const warning of warnings) process.stderr.write(`sim: warning: ${warning}\n`);
    const summary = summariseTrace(trace);
    process.stdout.write(
      `${args.out}: ${trace.events.length} events, ready after ${trace.header.readySec.toFixed(3)} s\n`,
    );
    process.stdout.write(formatSummary(summary));
  },
};

const infoCommand: CommandModule<object, InfoArgs> = {
  command: 'info <file>',
  describe: 'what a trace read and wrote, by layer depth; compare two runs of one image',
  builder: (yargs) =>
    (yargs as unknown as Argv<object>)
      .positional('file', { type: 'string', demandOption: true, describe: 'trace file' })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print JSON instead of a table',
      })
      .option('compare', {
        type: 'string',
        describe: 'a second trace of the same image',
      }) as unknown as Argv<InfoArgs>,
  handler: (args) => {
    const first = readTrace(args.file);
    const summary = summariseTrace(first);
    const comparison =
      args.compare === undefined
        ? undefined
        : compareTraces(first, readTrace(args.compare), args.compare);
    if (args.json) {
      process.stdout.write(
        `${JSON.stringify({ file: args.file, ...summary, comparison }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(formatSummary(summary));
    if (comparison) process.stdout.write(formatComparison(comparison));
  },
};

export const traceCommand: CommandModule<object, object> = {
  command: 'trace <command>',
  describe: 'capture real container startups as traces and summarise them',
  builder: (yargs) =>
    yargs
      .command(captureCommand as CommandModule<object, any>)
      .command(infoCommand as CommandModule<object, any>)
      .demandCommand(1),
  handler: () => {},
};

function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new InputError(
        '',
        { key: '--env' },
        { expected: 'KEY=VALUE', found: JSON.stringify(pair) },
      );
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

function parseUser(text: string): [number, number] {
  const m = /^(\d+)(?::(\d+))?$/.exec(text);
  if (!m)
    throw new InputError(
      '',
      { key: '--user' },
      { expected: 'UID or UID:GID (numbers)', found: JSON.stringify(text) },
    );
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

function withKey<T>(key: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(
        error.problem,
        { key },
        { expected: error.expected, found: error.found },
      );
    throw error;
  }
}
