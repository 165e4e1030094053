// ESLint flat config. The import boundaries below enforce the table in docs/ARCHITECTURE.md
// ("Folders and who may import whom"): a wrong import fails `npm run lint`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Top-level folders under src/. */
const FOLDERS = ['model', 'compiler', 'data', 'training', 'worker', 'pipeline', 'store', 'session', 'ui', 'cli', 'app'];

/**
 * Who may import whom. `allow`: internal folders a folder may import freely (itself is always
 * allowed). `types`: internal folders it may import types from (`import type …`) but no values.
 * Every other internal folder is forbidden. `packages`: npm packages it must not import.
 */
const UI_PACKAGES = {
  regex: '^(react|react-dom|zustand|recharts)(/.*)?$|^@xyflow/',
  message:
    'The core (model, compiler, data, training, worker) and the CLI must not import React, React Flow, zustand or recharts: they run in Node and in Web Workers.',
};
const TFJS_IN_MODEL = {
  regex: '^@tensorflow/',
  message:
    'src/model imports nothing heavy: the app shell loads the layer registry, so tfjs would land in the first bundle. Put tfjs code in src/compiler.',
};
const TFJS_IN_SHELL = {
  regex: '^@tensorflow/',
  allowTypeImports: true,
  message:
    'Do not import tfjs statically from the UI or the store: training runs in the worker, and tfjs must stay out of the app shell bundle. Go through a worker client, src/worker/*-client.ts (or a dynamic import()).',
};

/** @type {Record<string, {allow: string[], types?: string[], pureValues?: string[], packages?: object[], extra?: object[]}>} */
const BOUNDARIES = {
  model: { allow: [], packages: [UI_PACKAGES, TFJS_IN_MODEL] },
  compiler: { allow: ['model'], packages: [UI_PACKAGES] },
  data: { allow: ['model'], packages: [UI_PACKAGES] },
  training: { allow: ['model', 'compiler', 'data'], packages: [UI_PACKAGES] },
  worker: { allow: ['model', 'compiler', 'data', 'training'], packages: [UI_PACKAGES] },
  pipeline: {
    allow: ['model', 'store', 'worker'],
    types: ['compiler', 'data', 'training'],
    // The app's one seeded random module (pure, imports nothing): hyperparameter search samples from it.
    pureValues: ['data/random'],
    packages: [TFJS_IN_SHELL],
    // pipeline talks to the worker through the worker clients only (protocol types are fine).
    extra: [
      {
        folder: 'worker',
        not: '([a-z-]*client|[a-z-]*protocol)(\\.ts)?$',
        message: 'src/pipeline may import only the worker clients and protocols (worker/*-client, worker/*-protocol).',
      },
    ],
  },
  store: { allow: ['model', 'pipeline'], types: ['compiler', 'data', 'training', 'worker'], packages: [TFJS_IN_SHELL] },
  // The session layer drives the workers and the store; it reaches the core only through the worker clients.
  session: {
    allow: ['store', 'model', 'pipeline', 'worker'],
    types: ['compiler', 'data', 'training'],
    packages: [TFJS_IN_SHELL, { regex: '^(react|react-dom|recharts)(/.*)?$|^@xyflow/', message: 'src/session is plain TypeScript: no React, so it runs in unit tests against createAppStore().' }],
    extra: [
      {
        folder: 'worker',
        not: '([a-z-]*client|[a-z-]*protocol)(\\.ts)?$',
        message: 'src/session may import only the worker clients and protocols (worker/*-client, worker/*-protocol).',
      },
    ],
  },
  ui: {
    allow: ['store', 'model', 'pipeline', 'worker', 'session'],
    types: ['compiler', 'data', 'training'],
    // Pure array maths with no tfjs: the Evaluate page re-scores live as the threshold slider moves.
    // And the names of number formats and delimiters, for the Data page's menus.
    pureValues: ['training/(metrics|report[a-z-]*|curves[a-z-]*)', 'data/csv/formats'],
    packages: [TFJS_IN_SHELL],
    // The UI talks to workers only through their clients; it never loads worker code itself.
    extra: [
      {
        folder: 'worker',
        not: '([a-z-]*client|[a-z-]*protocol)(\\.ts)?$',
        message: 'src/ui may import only the worker clients and protocols (worker/*-client, worker/*-protocol).',
      },
    ],
  },
  cli: { allow: ['model', 'compiler', 'data', 'training'], packages: [UI_PACKAGES] },
};

const MAX_DEPTH = 8;

/**
 * `no-restricted-imports` options for a file `depth` folders below src/ (src/model/x.ts is depth 1,
 * src/model/layers/x.ts is depth 2). A relative import that climbs exactly out of src/<folder>
 * (`../` × depth) and names another top-level folder is checked against the table.
 */
function restrictionsFor(folder, depth) {
  const rule = BOUNDARIES[folder];
  const up = `^(\\.\\./){${depth}}`;
  const patterns = [];
  const forbidden = FOLDERS.filter((f) => f !== folder && !rule.allow.includes(f));
  const typeOnly = forbidden.filter((f) => rule.types?.includes(f));
  const never = forbidden.filter((f) => !rule.types?.includes(f));
  if (never.length > 0) {
    patterns.push({
      regex: `${up}(${never.join('|')})(/.*)?$`,
      caseSensitive: true,
      message: `src/${folder} ${rule.allow.length ? `may import only ${rule.allow.join(', ')}` : 'may import nothing internal'}${
        rule.types?.length ? ` (and types from ${rule.types.join(', ')})` : ''
      } — see docs/ARCHITECTURE.md, "Folders and who may import whom".`,
    });
  }
  if (typeOnly.length > 0) {
    patterns.push({
      regex: `${up}${rule.pureValues ? `(?!(${rule.pureValues.join('|')})(\\.ts)?$)` : ''}(${typeOnly.join('|')})(/.*)?$`,
      caseSensitive: true,
      allowTypeImports: true,
      message: `src/${folder} may import only types (\`import type\`) from ${typeOnly.join(', ')} — see docs/ARCHITECTURE.md.`,
    });
  }
  for (const extra of rule.extra ?? []) {
    patterns.push({
      regex: `${up}${extra.folder}/(?!${extra.not}).*$`,
      caseSensitive: true,
      message: extra.message,
    });
  }
  // Worker shells are loaded with `new Worker(new URL('./x.worker.ts', import.meta.url))`, never imported.
  if (folder !== 'worker') {
    patterns.push({
      regex: '\\.worker(\\.ts)?$',
      message: 'Do not import a *.worker.ts file; start it through its client, src/worker/*-client.ts.',
    });
  }
  patterns.push(...(rule.packages ?? []));
  return ['error', { patterns }];
}

const boundaryConfigs = Object.keys(BOUNDARIES).flatMap((folder) =>
  Array.from({ length: MAX_DEPTH }, (_, i) => {
    const depth = i + 1;
    const dirs = Array.from({ length: depth - 1 }, () => '*').join('/');
    return {
      name: `layerloom/boundaries/${folder}/depth-${depth}`,
      files: [`src/${folder}/${dirs ? `${dirs}/` : ''}*.{ts,tsx,mts,js,mjs}`],
      ignores: ['**/*.test.{ts,tsx}'],
      rules: { '@typescript-eslint/no-restricted-imports': restrictionsFor(folder, depth) },
    };
  }),
);

export default defineConfig([
  globalIgnores([
    'dist/',
    'coverage/',
    'playwright-report/',
    'test-results/',
    'e2e-artifacts/',
    'bench-results/',
    '.gl/',
    '.whl/',
  ]),
  {
    name: 'layerloom/base',
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      // Non-null assertions are how strict index access (`noUncheckedIndexedAccess`) is answered
      // where a bound was checked just before; TypeScript already flags the risky cases.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    name: 'layerloom/browser',
    files: ['src/ui/**', 'src/app/**', 'src/store/**', 'src/pipeline/**', 'src/session/**', 'src/worker/*-client.ts', 'src/worker/worker-rpc.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'layerloom/worker',
    files: ['src/worker/**/*.worker.ts'],
    languageOptions: { globals: globals.worker },
  },
  {
    name: 'layerloom/node',
    files: ['src/cli/**', 'scripts/**', 'bin/**', 'e2e/**', 'bench/**', '*.config.{js,ts,mjs}', '**/*.test.{ts,tsx}'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'layerloom/react-hooks',
    files: ['**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // Resetting a local draft when its prop changes (`useEffect(() => setDraft(value), [value])`)
      // is a common, harmless pattern in form fields; keep it visible as a warning, not a failure.
      'react-hooks/set-state-in-effect': 'warn',
    },
  },
  ...boundaryConfigs,
  {
    // Tests may reach across core folders (e.g. a model test that compiles a graph), but a core
    // test still runs in Node and must not pull in React or the store.
    name: 'layerloom/boundaries/core-tests',
    files: ['src/{model,compiler,data,training,worker,cli}/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            UI_PACKAGES,
            {
              regex: '^(\\.\\./)+(store|ui|app|pipeline)(/.*)?$',
              message: 'Core tests must not import the store, the UI or the app.',
            },
          ],
        },
      ],
    },
  },
]);
