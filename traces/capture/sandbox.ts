/**
 * The isolated environment a captured command runs in, built with
 * bubblewrap: its own user, mount, pid, ipc and uts namespaces, no network
 * unless asked, a clean environment, the unpacked image as `/`, and death
 * of the whole sandbox when the launcher dies.
 */

export interface SandboxSpec {
  /** Host folder holding the image's root file system. */
  root: string;
  command: string[];
  /** The only environment the command sees (besides what bwrap sets). */
  env: Record<string, string>;
  network: boolean;
  uid: number;
  gid: number;
  workdir: string;
}

export const DEFAULT_PATH =
  '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** bwrap's arguments (without the `bwrap` itself); bwrap reports the sandbox's pid on `infoFd`. */
export function bwrapArgs(spec: SandboxSpec, infoFd: number): string[] {
  const args = [
    '--bind',
    spec.root,
    '/',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--tmpfs',
    '/dev/shm',
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--uid',
    String(spec.uid),
    '--gid',
    String(spec.gid),
    '--hostname',
    'capture',
    '--die-with-parent',
    // A new session keeps the program from pushing input into the caller's terminal.
    '--new-session',
    '--clearenv',
  ];
  if (!spec.network) args.push('--unshare-net');
  const env = { PATH: DEFAULT_PATH, HOME: '/root', ...spec.env };
  for (const [key, value] of Object.entries(env)) args.push('--setenv', key, value);
  args.push('--chdir', spec.workdir, '--info-fd', String(infoFd), '--', ...spec.command);
  return args;
}
