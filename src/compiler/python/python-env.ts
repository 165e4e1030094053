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

const APT_TIMEOUT_MS = 900_000;

/** The Python modules the tests use, and the Debian package of each. */
export type PythonModule = 'numpy' | 'torch' | 'onnx';
const DEBIAN_PACKAGE: Readonly<Record<PythonModule, string>> = {
  numpy: 'python3-numpy',
  torch: 'python3-torch',
  onnx: 'python3-onnx',
};

function probe(modules: readonly PythonModule[]): string[] {
  return ['-c', `import sys, ${modules.join(', ')}; assert sys.version_info >= (3, 8)`];
}

export function hasModules(run: CommandRunner, python: string, modules: readonly PythonModule[]): boolean {
  return run(python, probe(modules), { timeoutMs: 60_000 }).status === 0;
}

export function hasNumpy(run: CommandRunner, python: string): boolean {
  return hasModules(run, python, ['numpy']);
}

function aptInstall(run: CommandRunner, log: (m: string) => void, modules: readonly PythonModule[]): string {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const packages = ['python3', ...modules.map((m) => DEBIAN_PACKAGE[m])];
  // Test files run in parallel: a second apt-get waits for the first one's lock instead of failing.
  const lock = ['-o', 'DPkg::Lock::Timeout=900'];
  const install = () =>
    run('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', ...packages], {
      timeoutMs: APT_TIMEOUT_MS,
      env,
    });
  log(`No python3 with ${modules.join(', ')} found; installing ${packages.join(' ')} with apt-get`);
  let result = install();
  if (result.status !== 0) {
    // A fresh machine has no package lists yet.
    run('apt-get', [...lock, 'update', '-q'], { timeoutMs: APT_TIMEOUT_MS, env });
    result = install();
  }
  return result.status === 0 ? '' : `apt-get install failed (${result.status}): ${result.stderr.trim().slice(-400)}`;
}

/**
 * The first candidate that runs and imports `modules`; else, when allowed, /usr/bin/python3 after
 * apt-get installs Debian's packages of them. Throws with what was tried and how to fix it.
 */
export function findPythonWith(search: PythonSearch, modules: readonly PythonModule[] = ['numpy']): string {
  const found = search.candidates.find((python) => hasModules(search.run, python, modules));
  if (found) return found;
  let installProblem = 'not running as root, so nothing was installed';
  if (search.canInstall) {
    installProblem = aptInstall(search.run, search.log ?? (() => undefined), modules);
    if (hasModules(search.run, '/usr/bin/python3', modules)) return '/usr/bin/python3';
    installProblem ||= `apt-get reported success but /usr/bin/python3 still cannot import ${modules.join(', ')}`;
  }
  const packages = modules.map((m) => DEBIAN_PACKAGE[m]).join(' ');
  throw new Error(
    `These tests need Python 3 with ${modules.join(', ')}, and none was found (tried ${search.candidates.join(', ')}; ${installProblem}). ` +
      `Install it (Debian/Ubuntu: apt-get install python3 ${packages}) or set PYTHON to its path.`,
  );
}

/** `findPythonWith` for numpy alone (the Keras export tests). */
export function findPythonWithNumpy(search: PythonSearch): string {
  return findPythonWith(search, ['numpy']);
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

/**
 * The usual search in Node: $PYTHON, python3 on the PATH, /usr/bin/python3; apt-get as root.
 * `modules` defaults to numpy; torch and onnx are Debian's (the python3 first on the PATH may be
 * another interpreter without them, so /usr/bin/python3 is tried too).
 */
export async function findTestPython(
  log?: (message: string) => void,
  modules: readonly PythonModule[] = ['numpy'],
): Promise<{ python: string; run: CommandRunner }> {
  const run = await nodeRunner();
  const proc = (globalThis as { process?: NodeProcess }).process;
  const fromEnv = proc?.env.PYTHON;
  const candidates = [...(fromEnv ? [fromEnv] : []), 'python3', '/usr/bin/python3'];
  const python = findPythonWith({ run, candidates, canInstall: proc?.getuid?.() === 0, ...(log ? { log } : {}) }, modules);
  return { python, run };
}
