import { describe, expect, it } from 'vitest';
import { findPythonWithNumpy, type CommandRunner, type RunResult } from './python-env';

/** A fake machine: which interpreters can import numpy, and whether apt-get fixes that. */
function fakeMachine(withNumpy: string[], aptWorks: boolean, aptNeedsUpdate = false) {
  const calls: string[] = [];
  const has = new Set(withNumpy);
  let updated = false;
  const result = (ok: boolean): RunResult => ({ status: ok ? 0 : 1, stdout: '', stderr: ok ? '' : 'E: failed' });
  const run: CommandRunner = (command, args) => {
    calls.push([command, ...args].join(' '));
    if (command === 'apt-get' && args.includes('update')) {
      updated = true;
      return result(true);
    }
    if (command === 'apt-get') {
      const ok = aptWorks && (!aptNeedsUpdate || updated);
      if (ok) has.add('/usr/bin/python3');
      return result(ok);
    }
    return result(has.has(command));
  };
  return { run, calls };
}

describe('findPythonWithNumpy', () => {
  it('takes the first candidate that imports numpy, without installing anything', () => {
    const m = fakeMachine(['/usr/bin/python3', 'python3'], true);
    expect(
      findPythonWithNumpy({ run: m.run, candidates: ['/opt/py', 'python3', '/usr/bin/python3'], canInstall: true }),
    ).toBe('python3');
    expect(m.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
  });

  it('installs python3-numpy with apt-get as root, updating the package lists when needed', () => {
    const m = fakeMachine([], true, true);
    expect(findPythonWithNumpy({ run: m.run, candidates: ['python3'], canInstall: true })).toBe('/usr/bin/python3');
    expect(m.calls.filter((c) => c.startsWith('apt-get'))).toEqual([
      'apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends python3 python3-numpy',
      'apt-get -o DPkg::Lock::Timeout=900 update -q',
      'apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends python3 python3-numpy',
    ]);
  });

  it('fails with what was tried and how to fix it when nothing works', () => {
    const notRoot = fakeMachine([], true);
    expect(() => findPythonWithNumpy({ run: notRoot.run, candidates: ['python3'], canInstall: false })).toThrow(
      /need Python 3 with numpy.*tried python3; not running as root.*apt-get install python3 python3-numpy/,
    );
    expect(notRoot.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
    const broken = fakeMachine([], false);
    expect(() => findPythonWithNumpy({ run: broken.run, candidates: ['python3'], canInstall: true })).toThrow(
      /apt-get install failed \(1\): E: failed/,
    );
  });
});
