// `npm test`: every check fenqi has, in order, ending with one plain line `N passed, N failed`.
//   checks  type checks (tsc: widget/extension/shared and the demo server), the structure check, the build, the README's
//           API tables against custom-elements.json, Prettier's formatting, ESLint, the extension's manifest
//           (scripts/check-manifest.mjs), the download budgets (scripts/size-budgets.mjs), `web-ext lint` (0 errors),
//           the npm package's checks
//   unit    unit and component tests (web-test-runner), once per engine: Chromium, Firefox, WebKit
//   e2e     end-to-end tests (node:test, test/e2e): the built extension in Chromium and Firefox, the widget and
//           the demo store in Chromium; then the security tests (test/security: the attacks of issue 12, kept as
//           regression tests), in Chromium
//   screens screen tests (node:test, test/screens): every screen at 320–1280 px, zh-CN/en, light/dark, in Chromium
// Exits non-zero when anything failed.
//
//   npm test -- [pattern…] [--engine chromium,firefox,webkit] [--suite checks,unit,e2e,screens] [--watch]
//
// A pattern picks test files by a part of their path (`quote`, `test/e2e/extension-`) or a glob
// (`test/shared/*.test.ts`); with patterns, only the suites holding those files run (plus the build when an e2e
// file is picked), and `--suite checks` adds the checks back. `--engine` and `--suite` take comma lists or repeat.
// `--watch` (npm run test:watch) re-runs the unit tests on change, in Chromium unless --engine says otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ENGINE_NAMES, ENGINES, ensureEngines } from './browsers.mjs';

const SUITES = ['checks', 'unit', 'e2e', 'screens'];

/**
 * Which node:test files run in which engines. The extension ships for Chrome and Firefox, so its tests run in both
 * (test/helpers/extension-driver.mjs); the widget's pages against the demo store and the screen tests run in
 * Chromium, while the widget's component suite covers all three engines.
 */
const NODE_TEST_ENGINES = [
  { match: /^test\/e2e\/extension-/, engines: ['chromium', 'firefox'] },
  { match: /./, engines: ['chromium'] },
];

const USAGE = `npm test -- [pattern…] [--engine ${ENGINES.join(',')}] [--suite ${SUITES.join(',')}] [--watch]`;

function parseArgs(argv) {
  const options = { patterns: [], engines: [], suites: [], watch: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v.split(',').filter(Boolean);
    };
    if (flag === '--engine' || flag === '--engines') options.engines.push(...value());
    else if (flag === '--suite' || flag === '--suites') options.suites.push(...value());
    else if (flag === '--watch') options.watch = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (flag.startsWith('-')) throw new Error(`unknown option ${flag}`);
    else options.patterns.push(arg);
  }
  for (const e of options.engines) if (!ENGINES.includes(e)) throw new Error(`unknown engine ${e}`);
  for (const s of options.suites) if (!SUITES.includes(s)) throw new Error(`unknown suite ${s}`);
  return options;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`fenqi: ${error.message}\n  ${USAGE}`);
  process.exit(2);
}

/** Every file under `dir` (relative, with forward slashes) whose name ends with `suffix`. */
function filesUnder(dir, suffix) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(suffix))
    .map((d) =>
      relative('.', join(d.parentPath ?? d.path, d.name))
        .split('\\')
        .join('/'),
    )
    .sort();
}

/** A glob with `*`, `**` and `?` as a regular expression over the whole path; anything else matches as a part. */
function matcher(pattern) {
  if (!/[*?]/.test(pattern)) return (file) => file.includes(pattern);
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\0')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\0/g, '(?:.*/)?');
  const re = new RegExp(`^(?:\\./)?${source}$`);
  return (file) => re.test(file);
}

const picked = (files) =>
  options.patterns.length ? files.filter((f) => options.patterns.some((p) => matcher(p)(f))) : files;
const unitFiles = picked(filesUnder('test', '.test.ts'));
const e2eFiles = picked(filesUnder('test/e2e', '.e2e.mjs'));
const securityFiles = picked(filesUnder('test/security', '.e2e.mjs'));
const screenFiles = picked(filesUnder('test/screens', '.e2e.mjs'));
const engines = options.engines.length ? options.engines : options.watch ? ['chromium'] : ENGINES;
const suites = new Set(
  options.suites.length
    ? options.suites
    : options.patterns.length
      ? [
          ...(unitFiles.length ? ['unit'] : []),
          ...(e2eFiles.length + securityFiles.length ? ['e2e'] : []),
          ...(screenFiles.length ? ['screens'] : []),
        ]
      : SUITES,
);
if (options.patterns.length && unitFiles.length + e2eFiles.length + securityFiles.length + screenFiles.length === 0) {
  console.error(`fenqi: no test file matches ${options.patterns.join(' ')}`);
  process.exit(2);
}
const enginesOf = (file) => NODE_TEST_ENGINES.find((rule) => rule.match.test(file)).engines;
/** The node:test runs: one per suite and engine, each with the files that run in that engine. */
const nodeRuns = [
  ['e2e', 'end-to-end tests', e2eFiles],
  ['e2e', 'security tests (hostile pages and clients)', securityFiles],
  ['screens', 'screen tests (320–1280 px, zh-CN/en, light/dark)', screenFiles],
].flatMap(([suiteName, title, files]) =>
  suites.has(suiteName)
    ? engines
        .map((engine) => ({ suiteName, title, engine, files: files.filter((f) => enginesOf(f).includes(engine)) }))
        .filter((run) => run.files.length)
    : [],
);

const bin = (name) => join('node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'fenqi-test-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const totals = { passed: 0, failed: 0 };
const rows = [];

// Every browser this run needs, found or installed in one go before anything starts.
const needed = new Set([...(suites.has('unit') ? engines : []), ...nodeRuns.map((r) => r.engine)]);
const found = ensureEngines(ENGINES.filter((e) => needed.has(e)));
if (found.chromium) process.env.CHROMIUM_PATH = found.chromium;
if (found.firefox) process.env.FIREFOX_PATH = found.firefox;
if (found.webkit) process.env.WEBKIT_DRIVER_PATH = found.webkit.driver;

function run(command, args, env = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 };
}

/** A step that is one check: it passes or fails as a whole. */
function check(name, command, args) {
  console.log(`\n▶ ${name}`);
  const { ok, seconds } = run(command, args);
  totals[ok ? 'passed' : 'failed']++;
  rows.push([name, ok ? '1 passed' : '1 FAILED', seconds]);
  return ok;
}

/** A step that runs many tests and reports its own counts. */
function suite(name, command, args, env, readCounts) {
  console.log(`\n▶ ${name}`);
  const { ok, seconds } = run(command, args, env);
  let counts;
  try {
    counts = readCounts();
  } catch {
    counts = { passed: 0, failed: 1 };
  }
  // A runner that failed without reporting a failing test still fails the run.
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  rows.push([name, `${counts.passed} passed, ${counts.failed} failed`, seconds]);
}

if (options.watch) {
  // Unit tests only, re-run on every change; Ctrl-C ends it.
  const { ok } = run(bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--watch'], {
    FENQI_ENGINES: engines.join(','),
    ...(options.patterns.length ? { FENQI_FILES: unitFiles.join(',') } : {}),
  });
  process.exit(ok ? 0 : 1);
}

let built = false;
if (suites.has('checks')) {
  check('typecheck: widget, extension, shared, tests', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  check('typecheck: demo store server', bin('tsc'), ['--noEmit', '-p', 'demo/tsconfig.json']);
  check('structure: tests wait for events, imports go downward', process.execPath, ['scripts/check-structure.mjs']);
}
if (suites.has('checks') || nodeRuns.length) {
  built = check('build (rollup)', bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
}
if (suites.has('checks')) {
  check('README API tables match custom-elements.json', process.execPath, ['scripts/readme-api.mjs', '--check']);
  check('formatting: prettier --check', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
  check('lint: ESLint with typescript-eslint and the Lit rules', process.execPath, ['scripts/lint.mjs']);
}
if (suites.has('checks') && built) {
  check('extension manifest: permissions, files, icons, messages', process.execPath, ['scripts/check-manifest.mjs']);
  check('download budgets: selector entry, bill panel list and dialogs', process.execPath, [
    'scripts/size-budgets.mjs',
  ]);
  check('web-ext lint: 0 errors', bin('web-ext'), ['lint', '--source-dir', 'dist/extension', '--self-hosted']);
  check('npm package and its framework examples', process.execPath, ['--test', 'test/package/']);
}

if (suites.has('unit') && unitFiles.length) {
  for (const engine of engines) {
    const counts = join(scratch, `wtr-${engine}.json`);
    suite(
      `unit and component tests · ${ENGINE_NAMES[engine]}`,
      bin('wtr'),
      ['--config', 'web-test-runner.config.mjs'],
      {
        FENQI_ENGINES: engine,
        FENQI_WTR_COUNTS: counts,
        ...(options.patterns.length ? { FENQI_FILES: unitFiles.join(',') } : {}),
      },
      () => JSON.parse(readFileSync(counts, 'utf8')),
    );
  }
}

// node:test files run one at a time, counted from their TAP summary (TODO tests — known failures — are neither).
for (const { suiteName, title, engine, files } of nodeRuns) {
  const name = `${title} · ${ENGINE_NAMES[engine]}`;
  if (!built) {
    totals.failed++;
    rows.push([name, 'not run: the build failed', 0]);
    continue;
  }
  const tap = join(scratch, `${rows.length}-${suiteName}-${engine}.tap`);
  suite(
    name,
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { FENQI_E2E_ENGINE: engine },
    () => {
      const text = readFileSync(tap, 'utf8');
      const number = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
      const counts = { passed: number('pass'), failed: number('fail') };
      if (Number.isNaN(counts.passed) || Number.isNaN(counts.failed)) throw new Error('no TAP summary');
      if (number('todo') > 0) console.log(`${name}: ${number('todo')} known failures (TODO), listed above`);
      return counts;
    },
  );
}

console.log('\nfenqi test summary');
for (const [name, result, seconds] of rows)
  console.log(`  ${result.padEnd(26)} ${seconds.toFixed(1).padStart(6)} s  ${name}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
