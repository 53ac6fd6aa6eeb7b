/**
 * Turning strace's system calls into trace events on the image's files.
 * It keeps, per process, the open files (with their offsets, shared the way
 * fork, clone and dup share them) and the working folder, so reads and
 * mmaps on descriptors land on the right file and offset.
 *
 * Paths are resolved after the run, against the final state of the
 * unpacked root: a file the program read and then deleted is lost.
 */
import type { TraceEvent, TraceFile, TraceOp } from '../format.ts';
import { joinInImage, type PathResolver } from './resolve-path.ts';
import {
  intArg,
  parseStraceLines,
  unquote,
  type ExitRecord,
  type SyscallRecord,
} from './strace-line.ts';

/** System calls the capture asks strace for. */
export const TRACED_SYSCALLS = [
  'execve',
  'execveat',
  'open',
  'openat',
  'openat2',
  'creat',
  'stat',
  'lstat',
  'newfstatat',
  'statx',
  'access',
  'faccessat',
  'faccessat2',
  'readlink',
  'readlinkat',
  'getdents64',
  'chdir',
  'fchdir',
  'read',
  'pread64',
  'readv',
  'preadv',
  'preadv2',
  'write',
  'pwrite64',
  'writev',
  'pwritev',
  'pwritev2',
  'mmap',
  'close',
  'dup',
  'dup2',
  'dup3',
  'fcntl',
  'lseek',
  'sendfile',
  'copy_file_range',
  'unlink',
  'unlinkat',
  'clone',
  'clone3',
  'fork',
  'vfork',
];

/** In-image folders that are not the image's (bwrap mounts its own /proc and /dev). */
const OUTSIDE = /^\/*(proc|sys|dev)(\/|$)/;

interface OpenFile {
  file: number | undefined;
  /** In-image absolute path as opened (for fchdir and *at calls). */
  path: string;
  position: { offsetBytes: number };
  cloexec: boolean;
}

interface ProcState {
  fds: Map<number, OpenFile>;
  cwd: { path: string };
}

export interface StraceResult {
  events: TraceEvent[];
  /** The image's files followed by the files the program created. */
  files: TraceFile[];
  /** Epoch second at which the command started (its execve), or undefined if it never did. */
  startEpochSec?: number;
  /** Epoch second at which the command's first process exited, if it did. */
  exitEpochSec?: number;
  commandPid?: number;
}

/**
 * Interprets strace output `lines` of a run launched through a sandbox
 * (whose own calls before the command's execve are ignored).
 * `files` is the image's file table; `resolver` resolves in-image paths.
 */
export function straceToEvents(
  lines: Iterable<string>,
  files: TraceFile[],
  resolver: PathResolver,
): StraceResult {
  const records = [...parseStraceLines(lines)];
  return new Interpreter(records, files, resolver).run();
}

class Interpreter {
  private readonly index = new Map<string, number>();
  private readonly files: TraceFile[];
  private readonly procs = new Map<number, ProcState>();
  private readonly parents = new Map<number, { parent: number; flags: string }>();
  private readonly events: TraceEvent[] = [];
  private startSec: number | undefined;
  private commandPid: number | undefined;
  private exitSec: number | undefined;

  constructor(
    private readonly records: Array<SyscallRecord | ExitRecord>,
    files: TraceFile[],
    private readonly resolver: PathResolver,
  ) {
    this.files = files.map((f) => ({ ...f }));
    this.files.forEach((f, i) => this.index.set(f.path, i));
    this.linkChildren();
  }

  /**
   * Finds each process's parent. Inside the sandbox's pid namespace clone
   * returns the child's pid in that namespace, not the one strace prints,
   * so a child is matched to the latest unclaimed clone that started before
   * it first appeared (exact when the returned pid is one strace printed).
   */
  private linkChildren(): void {
    const firstSeen = new Map<number, number>();
    for (const r of this.records) {
      const seen = firstSeen.get(r.pid);
      if (seen === undefined || r.timeSec < seen) firstSeen.set(r.pid, r.timeSec);
    }
    const clones: Array<{
      parent: number;
      flags: string;
      startSec: number;
      claimed: boolean;
    }> = [];
    for (const r of this.records) {
      if (
        'exit' in r ||
        !['clone', 'clone3', 'fork', 'vfork'].includes(r.name) ||
        !(r.result > 0)
      )
        continue;
      const child = r.hostResult ?? r.result;
      const clone = {
        parent: r.pid,
        flags: r.args.join(','),
        startSec: r.timeSec,
        claimed: false,
      };
      if (firstSeen.has(child) && child !== r.pid) {
        this.parents.set(child, clone);
        clone.claimed = true;
      }
      clones.push(clone);
    }
    clones.sort((a, b) => a.startSec - b.startSec);
    const byAppearance = [...firstSeen.entries()].sort((a, b) => a[1] - b[1]);
    for (const [pid, seenSec] of byAppearance) {
      if (this.parents.has(pid)) continue;
      for (let i = clones.length - 1; i >= 0; i--) {
        const clone = clones[i]!;
        if (clone.claimed || clone.startSec > seenSec || clone.parent === pid) continue;
        clone.claimed = true;
        this.parents.set(pid, clone);
        break;
      }
    }
  }

  run(): StraceResult {
    const launcher = this.records[0]?.pid;
    for (const r of this.records) {
      if (this.startSec === undefined) {
        if (
          !('exit' in r) &&
          r.name === 'execve' &&
          r.result === 0 &&
          r.pid !== launcher
        ) {
          this.startSec = r.timeSec;
          this.commandPid = r.pid;
          this.procs.set(r.pid, { fds: new Map(), cwd: { path: '/' } });
          this.exec(r);
        }
        continue;
      }
      const proc = this.proc(r.pid);
      if (proc === undefined) continue;
      if ('exit' in r) {
        if (r.pid === this.commandPid && this.exitSec === undefined)
          this.exitSec = r.timeSec;
        continue;
      }
      if (Number.isNaN(r.result) || r.result < 0) continue;
      this.apply(r, proc);
    }
    this.events.sort((a, b) => a.timeSec - b.timeSec);
    return {
      events: this.events,
      files: this.files,
      startEpochSec: this.startSec,
      exitEpochSec: this.exitSec,
      commandPid: this.commandPid,
    };
  }

  /** State of `pid`, created from its parent's on first sight; undefined if not the command's. */
  private proc(pid: number): ProcState | undefined {
    const known = this.procs.get(pid);
    if (known) return known;
    const link = this.parents.get(pid);
    if (link === undefined) return undefined;
    const parent = this.proc(link.parent);
    if (parent === undefined) return undefined;
    const sharesFiles = /CLONE_FILES/.test(link.flags);
    const sharesFs = /CLONE_FS/.test(link.flags);
    const state: ProcState = {
      fds: sharesFiles ? parent.fds : new Map(parent.fds),
      cwd: sharesFs ? parent.cwd : { path: parent.cwd.path },
    };
    this.procs.set(pid, state);
    return state;
  }

  private apply(r: SyscallRecord, proc: ProcState): void {
    const a = r.args;
    switch (r.name) {
      case 'execve':
      case 'execveat':
        this.exec(r);
        for (const [fd, open] of proc.fds) if (open.cloexec) proc.fds.delete(fd);
        return;
      case 'open':
      case 'creat':
        return this.open(
          r,
          proc,
          '',
          a[0],
          r.name === 'creat' ? 'O_CREAT|O_WRONLY' : (a[1] ?? ''),
        );
      case 'openat':
      case 'openat2':
        return this.open(r, proc, a[0] ?? '', a[1], a[2] ?? '');
      case 'stat':
      case 'access':
      case 'readlink':
      case 'lstat':
        return this.lookup(
          r,
          proc,
          '',
          a[0],
          r.name !== 'lstat' && r.name !== 'readlink',
        );
      case 'newfstatat':
      case 'statx':
      case 'faccessat':
      case 'faccessat2':
      case 'readlinkat': {
        const flags = r.name === 'statx' ? (a[2] ?? '') : (a[3] ?? '');
        const follow = r.name !== 'readlinkat' && !flags.includes('AT_SYMLINK_NOFOLLOW');
        if (unquote(a[1]) === '' && flags.includes('AT_EMPTY_PATH')) return;
        return this.lookup(r, proc, a[0] ?? '', a[1], follow);
      }
      case 'getdents64':
        return this.onFd(r, proc, a[0], 'readdir', 0, 0);
      case 'chdir': {
        const path = this.inImagePath(proc, '', unquote(a[0]));
        if (path !== undefined) proc.cwd.path = path;
        return;
      }
      case 'fchdir': {
        const open = proc.fds.get(intArg(a[0]) ?? -1);
        if (open) proc.cwd.path = open.path;
        return;
      }
      case 'read':
      case 'readv':
        return this.transfer(r, proc, a[0], 'read', undefined);
      case 'pread64':
        return this.transfer(r, proc, a[0], 'read', intArg(a[3]));
      case 'preadv':
      case 'preadv2':
        return this.transfer(r, proc, a[0], 'read', intArg(a[3]));
      case 'write':
      case 'writev':
        return this.transfer(r, proc, a[0], 'write', undefined);
      case 'pwrite64':
      case 'pwritev':
      case 'pwritev2':
        return this.transfer(r, proc, a[0], 'write', intArg(a[3]));
      case 'sendfile':
        this.transfer(r, proc, a[1], 'read', a[2] === 'NULL' ? undefined : intArg(a[2]));
        return this.transfer(r, proc, a[0], 'write', undefined);
      case 'copy_file_range':
        this.transfer(r, proc, a[0], 'read', a[1] === 'NULL' ? undefined : intArg(a[1]));
        return this.transfer(
          r,
          proc,
          a[2],
          'write',
          a[3] === 'NULL' ? undefined : intArg(a[3]),
        );
      case 'mmap': {
        const fd = intArg(a[4]);
        if (fd === undefined || fd < 0 || (a[3] ?? '').includes('MAP_ANONYMOUS')) return;
        return this.onFd(r, proc, a[4], 'mmap', intArg(a[5]) ?? 0, intArg(a[1]) ?? 0);
      }
      case 'close':
        proc.fds.delete(intArg(a[0]) ?? -1);
        return;
      case 'dup':
      case 'dup2':
      case 'dup3':
        return this.dup(
          proc,
          intArg(a[0]),
          r.result,
          r.name === 'dup3' && (a[2] ?? '').includes('O_CLOEXEC'),
        );
      case 'fcntl':
        if ((a[1] ?? '').startsWith('F_DUPFD'))
          this.dup(proc, intArg(a[0]), r.result, (a[1] ?? '').includes('CLOEXEC'));
        return;
      case 'lseek': {
        const open = proc.fds.get(intArg(a[0]) ?? -1);
        if (open) open.position.offsetBytes = r.result;
        return;
      }
      case 'unlink':
        return this.lookup(r, proc, '', a[0], false, 'unlink');
      case 'unlinkat':
        return this.lookup(r, proc, a[0] ?? '', a[1], false, 'unlink');
    }
  }

  private exec(r: SyscallRecord): void {
    const proc = this.procs.get(r.pid)!;
    let path =
      r.name === 'execveat' ? undefined : this.inImagePath(proc, '', unquote(r.args[0]));
    // A script names its interpreter on its first line; the kernel loads that too.
    for (let hops = 0; path !== undefined && hops < 4; hops++) {
      const file = this.fileAt(path, true, false);
      if (file === undefined) return;
      this.emit(r, 'exec', file, 0, 0);
      // The kernel maps the program's segments; strace cannot see which pages it touches.
      this.emit(r, 'mmap', file, 0, this.files[file]!.sizeBytes, false);
      path = this.interpreterOf(this.files[file]!.path);
    }
  }

  private interpreterOf(path: string): string | undefined {
    const head = this.resolver.head(path, 256);
    if (!head.startsWith('#!')) return undefined;
    const interpreter = head.slice(2).split('\n')[0]!.trim().split(/\s+/)[0];
    return interpreter?.startsWith('/') ? interpreter : undefined;
  }

  private open(
    r: SyscallRecord,
    proc: ProcState,
    dirArg: string,
    pathArg: string | undefined,
    flags: string,
  ): void {
    const path = this.inImagePath(proc, dirArg, unquote(pathArg));
    if (path === undefined) return;
    const creates = flags.includes('O_CREAT');
    const file = this.fileAt(path, !flags.includes('O_NOFOLLOW'), creates);
    proc.fds.set(r.result, {
      file,
      path,
      position: { offsetBytes: 0 },
      cloexec: flags.includes('O_CLOEXEC'),
    });
    if (file === undefined) return;
    this.emit(r, 'open', file, 0, 0);
    if (flags.includes('O_TRUNC') && /O_WRONLY|O_RDWR/.test(flags))
      this.emit(r, 'write', file, 0, 0, false);
  }

  private lookup(
    r: SyscallRecord,
    proc: ProcState,
    dirArg: string,
    pathArg: string | undefined,
    follow: boolean,
    op: TraceOp = 'stat',
  ): void {
    const path = this.inImagePath(proc, dirArg, unquote(pathArg));
    if (path === undefined) return;
    const file = this.fileAt(path, follow, false);
    if (file !== undefined) this.emit(r, op, file, 0, 0);
  }

  private onFd(
    r: SyscallRecord,
    proc: ProcState,
    fdArg: string | undefined,
    op: TraceOp,
    offsetBytes: number,
    lengthBytes: number,
  ): void {
    const open = proc.fds.get(intArg(fdArg) ?? -1);
    if (open?.file !== undefined) this.emit(r, op, open.file, offsetBytes, lengthBytes);
  }

  private transfer(
    r: SyscallRecord,
    proc: ProcState,
    fdArg: string | undefined,
    op: TraceOp,
    at: number | undefined,
  ): void {
    const open = proc.fds.get(intArg(fdArg) ?? -1);
    if (open === undefined) return;
    const offsetBytes = at ?? open.position.offsetBytes;
    if (at === undefined) open.position.offsetBytes += r.result;
    if (open.file !== undefined && r.result > 0)
      this.emit(r, op, open.file, offsetBytes, r.result);
  }

  private dup(
    proc: ProcState,
    from: number | undefined,
    to: number,
    cloexec: boolean,
  ): void {
    const open = proc.fds.get(from ?? -1);
    if (open === undefined) {
      proc.fds.delete(to);
      return;
    }
    // A duplicate shares the file position with the original.
    proc.fds.set(to, { ...open, cloexec });
  }

  /** The absolute in-image path named by a call, or undefined for paths outside the image. */
  private inImagePath(
    proc: ProcState,
    dirArg: string,
    path: string | undefined,
  ): string | undefined {
    if (path === undefined) return undefined;
    let base = proc.cwd.path;
    if (!path.startsWith('/') && dirArg !== '' && dirArg !== 'AT_FDCWD') {
      const open = proc.fds.get(intArg(dirArg) ?? -1);
      if (open === undefined) return undefined;
      base = open.path;
    }
    const full = joinInImage(base, path);
    return OUTSIDE.test(full) ? undefined : full;
  }

  /** Index of the file reached by `path`, adding files the program created. */
  private fileAt(path: string, follow: boolean, creates: boolean): number | undefined {
    let resolved = this.resolver.resolve(path, follow);
    if (resolved === undefined && creates)
      resolved = path
        .split('/')
        .filter((p) => p !== '' && p !== '.')
        .join('/');
    if (resolved === undefined || resolved === '' || OUTSIDE.test(resolved))
      return undefined;
    const known = this.index.get(resolved);
    if (known !== undefined) return known;
    // Not in the image: the program made it (perhaps by a call not traced, like rename).
    this.files.push({ path: resolved, sizeBytes: 0, kind: 'file', layer: -1 });
    this.index.set(resolved, this.files.length - 1);
    return this.files.length - 1;
  }

  private emit(
    r: SyscallRecord,
    op: TraceOp,
    target: number,
    offsetBytes: number,
    lengthBytes: number,
    timed = true,
  ): void {
    const event: TraceEvent = {
      timeSec: r.timeSec - this.startSec!,
      op,
      target,
      offsetBytes,
      lengthBytes,
    };
    if (timed && r.durationSec !== undefined) event.durationSec = r.durationSec;
    this.events.push(event);
  }
}
