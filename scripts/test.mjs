// `npm test`: every check fenqi has, in order, ending with one plain line `N passed, N failed`.
//   1. type checks (tsc, widget/extension/shared and the demo server)
//   2. the build, the README's API tables against custom-elements.json, Prettier's formatting, ESLint, the
//      extension's manifest (scripts/check-manifest.mjs) and `web-ext lint` of the built extension (0 errors)
//   3. unit and component tests in headless Chromium (web-test-runner)
//   4. end-to-end tests: the built extension in Chromium against the demo store (node:test + playwright-core),
//      then the security tests (test/security: the attacks of issue 12, kept as regression tests)
//   5. screen tests: every screen at 320–1280 px in both languages and schemes (test/screens, same tools)
// Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';

const bin = (name) => join('node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'fenqi-test-'));
const totals = { passed: 0, failed: 0 };
const rows = [];

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

const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;

check('typecheck: widget, extension, shared, tests', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('typecheck: demo store server', bin('tsc'), ['--noEmit', '-p', 'demo/tsconfig.json']);
check('structure: tests wait for events, imports go downward', process.execPath, ['scripts/check-structure.mjs']);
const built = check('build (rollup)', bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
check('README API tables match custom-elements.json', process.execPath, ['scripts/readme-api.mjs', '--check']);
check('formatting: prettier --check', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('lint: ESLint with typescript-eslint and the Lit rules', process.execPath, ['scripts/lint.mjs']);
if (built)
  check('extension manifest: permissions, files, icons, messages', process.execPath, ['scripts/check-manifest.mjs']);
if (built) check('web-ext lint: 0 errors', bin('web-ext'), ['lint', '--source-dir', 'dist/extension', '--self-hosted']);
if (built) check('npm package and its framework examples', 'node', ['--test', 'test/package/']);

const wtrCounts = join(scratch, 'wtr.json');
suite(
  'unit and component tests (web-test-runner, headless Chromium)',
  bin('wtr'),
  ['--config', 'web-test-runner.config.mjs'],
  { FENQI_WTR_COUNTS: wtrCounts },
  () => JSON.parse(readFileSync(wtrCounts, 'utf8')),
);

/** node:test files run one at a time, counted from their TAP summary (TODO tests — known failures — are neither). */
function nodeTests(name, dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.mjs'))
    .map((f) => join(dir, f));
  if (!built) {
    totals.failed++;
    rows.push([name, 'not run: the build failed', 0]);
    return;
  }
  if (!files.length) return;
  const tap = join(scratch, `${dir.replace(/\W+/g, '-')}.tap`);
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
    {},
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

nodeTests('end-to-end tests (built extension + demo store in Chromium)', 'test/e2e');
nodeTests('security tests (hostile pages and clients)', 'test/security');
nodeTests('screen tests (every screen at 320–1280 px, zh-CN/en, light/dark)', 'test/screens');

console.log('\nfenqi test summary');
for (const [name, result, seconds] of rows)
  console.log(`  ${result.padEnd(22)} ${seconds.toFixed(1).padStart(6)} s  ${name}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
