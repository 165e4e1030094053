/**
 * Test-only: finds a Python 3 with numpy for the tests that run the generated project. On a
 * clean Debian machine running as root (CI), installs Debian's python3 and python3-numpy.
 * Never imported by app code. The process runner is injected, so the search logic type-checks
 * with the core's no-Node settings and can be tested with a fake runner.
 */

export interface RunResult {
  /** Exit status; null when the command could not start or was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type CommandRunner = (command: string, args: readonly string[], options?: RunOptions) => RunResult;

export interface PythonSearch {
  readonly run: CommandRunner;
  /** Interpreters to try, in order. */
  readonly candidates: readonly string[];
  /** Whether installing system packages is allowed (running as root). */
  readonly canInstall: boolean;
  /** Progress notes (what is being installed); defaults to nothing. */
  readonly log?: (message: string) => void;
}

const APT_TIMEOUT_MS = 600_000;
const PROBE = ['-c', 'import sys, numpy; assert sys.version_info >= (3, 8); print(numpy.__version__)'];

export function hasNumpy(run: CommandRunner, python: string): boolean {
  return run(python, PROBE, { timeoutMs: 30_000 }).status === 0;
}

function aptInstall(run: CommandRunner, log: (m: string) => void): string {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  // Test files run in parallel: a second apt-get waits for the first one's lock instead of failing.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const install = () =>
    run('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', 'python3', 'python3-numpy'], {
      timeoutMs: APT_TIMEOUT_MS,
      env,
    });
  log('No python3 with numpy found; installing python3 and python3-numpy with apt-get');
  let result = install();
  if (result.status !== 0) {
    // A fresh machine has no package lists yet.
    run('apt-get', [...lock, 'update', '-q'], { timeoutMs: APT_TIMEOUT_MS, env });
    result = install();
  }
  return result.status === 0 ? '' : `apt-get install failed (${result.status}): ${result.stderr.trim().slice(-400)}`;
}

/**
 * The first candidate that runs and imports numpy; else, when allowed, /usr/bin/python3 after
 * apt-get installs it. Throws with what was tried and how to fix it.
 */
export function findPythonWithNumpy(search: PythonSearch): string {
  const found = search.candidates.find((python) => hasNumpy(search.run, python));
  if (found) return found;
  let installProblem = 'not running as root, so nothing was installed';
  if (search.canInstall) {
    installProblem = aptInstall(search.run, search.log ?? (() => undefined));
    if (hasNumpy(search.run, '/usr/bin/python3')) return '/usr/bin/python3';
    installProblem ||= 'apt-get reported success but /usr/bin/python3 still cannot import numpy';
  }
  throw new Error(
    `The Keras export tests need Python 3 with numpy, and none was found (tried ${search.candidates.join(', ')}; ${installProblem}). ` +
      'Install it (Debian/Ubuntu: apt-get install python3 python3-numpy; or pip install numpy) or set PYTHON to its path.',
  );
}

interface NodeProcess {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly getuid?: () => number;
}

interface ChildProcessModule {
  spawnSync(
    command: string,
    args: readonly string[],
    options: { cwd?: string; timeout?: number; env?: Record<string, string | undefined>; encoding: 'utf8' },
  ): { status: number | null; stdout: string | null; stderr: string | null; error?: Error };
}

/** Runs commands with Node's child_process (loaded at run time so this file needs no Node types). */
export async function nodeRunner(): Promise<CommandRunner> {
  const specifier = 'node:child_process';
  const { spawnSync } = (await import(/* @vite-ignore */ specifier)) as ChildProcessModule;
  const proc = (globalThis as { process?: NodeProcess }).process;
  return (command, args, options = {}) => {
    const r = spawnSync(command, args, {
      encoding: 'utf8',
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      env: { ...proc?.env, ...options.env },
    });
    return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? r.error?.message ?? '' };
  };
}

/** The usual search in Node: $PYTHON, python3 on the PATH, /usr/bin/python3; apt-get as root. */
export async function findTestPython(log?: (message: string) => void): Promise<{ python: string; run: CommandRunner }> {
  const run = await nodeRunner();
  const proc = (globalThis as { process?: NodeProcess }).process;
  const fromEnv = proc?.env.PYTHON;
  const candidates = [...(fromEnv ? [fromEnv] : []), 'python3', '/usr/bin/python3'];
  const python = findPythonWithNumpy({ run, candidates, canInstall: proc?.getuid?.() === 0, ...(log ? { log } : {}) });
  return { python, run };
}
