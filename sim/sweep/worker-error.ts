/**
 * Errors crossing the process boundary. Serialization keeps only an
 * error's message, so the kind is sent along and the main process rebuilds
 * the project's own error types (InputError exits 2, SimulationError 3).
 */
import { InputError, SimulationError } from '../errors.ts';

export interface SerializedError {
  kind: 'input' | 'simulation' | 'other';
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  if (error instanceof SimulationError) {
    return { kind: 'simulation', message: error.message };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { kind: 'other', message };
}

/** The error again, its message prefixed with `context` (which point). */
export function rebuildError(error: SerializedError, context: string): Error {
  const message = `${context}: ${error.message}`;
  if (error.kind === 'input') return new InputError(message);
  if (error.kind === 'simulation') return new SimulationError(message);
  return new Error(message);
}
