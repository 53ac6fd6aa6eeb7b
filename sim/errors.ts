/**
 * The project's own error type for anything a user gave us that we cannot
 * use: scenario files, units, traces, images, command lines. It carries where
 * the problem is (file, line, column, key) and what was expected and found,
 * so the message can point at the exact spot. The CLI turns it into exit 2.
 */
export interface InputErrorWhere {
  file?: string;
  line?: number;
  column?: number;
  key?: string;
}

export class InputError extends Error {
  readonly where: InputErrorWhere;
  /** What is wrong, without location or expected/found parts. */
  readonly problem: string;
  readonly expected?: string;
  readonly found?: string;

  constructor(
    problem: string,
    where: InputErrorWhere = {},
    detail: { expected?: string; found?: string } = {},
  ) {
    super(formatMessage(problem, where, detail));
    this.name = 'InputError';
    this.where = where;
    this.problem = problem;
    this.expected = detail.expected;
    this.found = detail.found;
  }

  /** The same error placed in a file (and optionally at a line and key). */
  at(where: InputErrorWhere): InputError {
    const merged = { ...where, ...stripUndefined(this.where) };
    return new InputError(this.problem, merged, {
      expected: this.expected,
      found: this.found,
    });
  }
}

/**
 * An error raised while a simulation runs: a limit was hit (events, simulated
 * time) or the run ended with work that can never finish.
 */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

function formatMessage(
  problem: string,
  where: InputErrorWhere,
  detail: { expected?: string; found?: string },
): string {
  let location = '';
  if (where.file) {
    location = where.file;
    if (where.line !== undefined) location += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined) location += `:${where.column}`;
    location += ': ';
  }
  const key = where.key ? `${where.key}: ` : '';
  let text = problem;
  if (detail.expected !== undefined) {
    text = `expected ${detail.expected}`;
    if (detail.found !== undefined) text += `, found ${detail.found}`;
    if (problem) text = `${problem}: ${text}`;
  }
  return location + key + text;
}

function stripUndefined(where: InputErrorWhere): InputErrorWhere {
  const out: InputErrorWhere = {};
  for (const [k, v] of Object.entries(where)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
