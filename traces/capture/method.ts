/** What every capture method receives and returns. */
import type { BlockExtent, TraceEvent, TraceFile } from '../format.ts';
import type { RunSpec } from './run-until-ready.ts';
import type { SandboxSpec } from './sandbox.ts';

export interface MethodContext {
  /** Host folder holding the unpacked image. */
  root: string;
  /** Scratch folder for the method's own files, removed afterwards. */
  workDir: string;
  /** The image's file table, from unpacking. */
  files: TraceFile[];
  sandbox: Omit<SandboxSpec, 'root'>;
  /** How to run and when to stop, without the argv (the method builds it). */
  run: Omit<RunSpec, 'argv'>;
  /** Registers an undo step (unmount, detach) run on success, failure and Ctrl-C. */
  onCleanup: (step: () => void) => void;
}

export interface MethodResult {
  events: TraceEvent[];
  /** The file table, possibly extended with files the program created. */
  files: TraceFile[];
  extents?: BlockExtent[];
  blockBytes?: number;
  deviceBytes?: number;
  readySec: number;
  exitCode: number | null;
  outputTail: string;
}
