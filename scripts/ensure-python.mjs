#!/usr/bin/env node
// Finds the Python that the export checks run: one that imports numpy, torch and onnx (the Keras,
// PyTorch and ONNX exports are checked by the runtimes their users run). Order:
//   1. $PYTHON, then /usr/bin/python3 (Debian's, where python3-torch and python3-onnx live), then
//      the python3 first on the PATH (often another interpreter, e.g. pyenv's, without them);
//   2. as root on Debian/Ubuntu: apt-get install python3 python3-numpy python3-torch python3-onnx
//      (apt-get update first when needed);
//   3. otherwise exit 1 with one sentence saying what to install.
// The tests find the same interpreter again through src/compiler/python/python-env.ts.
// Set LAYERLOOM_NO_PYTHON_INSTALL=1 to skip step 2.
import { spawnSync } from 'node:child_process';

const MODULES = ['numpy', 'torch', 'onnx'];
const PACKAGES = ['python3', 'python3-numpy', 'python3-torch', 'python3-onnx'];
const log = (message) => console.log(`[ensure-python] ${message}`);

function works(python) {
  const probe = `import sys, ${MODULES.join(', ')}; assert sys.version_info >= (3, 8); print(torch.__version__, onnx.__version__, numpy.__version__)`;
  const r = spawnSync(python, ['-c', probe], { encoding: 'utf8', timeout: 120_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

function find() {
  const candidates = [...new Set([process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean))];
  for (const python of candidates) {
    const versions = works(python);
    if (versions) return { python, versions };
  }
  return null;
}

function apt(args) {
  return spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 1_200_000,
  });
}

let found = find();
const canInstall =
  !found && process.getuid?.() === 0 && !process.env.LAYERLOOM_NO_PYTHON_INSTALL && spawnSync('apt-get', ['--version']).status === 0;
if (canInstall) {
  log(`installing ${PACKAGES.join(' ')} with apt-get`);
  const install = ['install', '-y', '-q', '--no-install-recommends', ...PACKAGES];
  if (apt(install).status !== 0) {
    apt(['update', '-q']);
    apt(install);
  }
  found = find();
}
if (!found) {
  console.error(
    `[ensure-python] The export checks need Python 3 with numpy, torch and onnx; install them with ` +
      `"apt-get install ${PACKAGES.join(' ')}" (Debian/Ubuntu) or pip, or set PYTHON to an interpreter that has them.`,
  );
  process.exit(1);
}
const [torch, onnx, numpy] = found.versions.split(/\s+/);
log(`using ${found.python} (torch ${torch}, onnx ${onnx}, numpy ${numpy})`);
