// `node scripts/check-structure.mjs`: rules about fenqi's code that no off-the-shelf linter here checks.
// Run by `npm test`; exits non-zero and names file and line for every breach.
//
// 1. Tests wait for what they claim, never for time: no file under test/ sleeps (`waitForTimeout`,
//    `setTimeout(resolve, N)`, `aTimeout(N)`, `sleep(N)`, timers/promises `setTimeout(N)`), because a test that
//    passes after a sleep passes alone and fails on a busy machine, and a sleep before "nothing happened" asserts
//    nothing. Wait for the event, the acknowledgement or the state instead. Not timed waits, so allowed: a
//    zero-delay yield (`setTimeout(resolve)`, one task later), and the interval of a loop that re-checks a
//    condition until a deadline (a poll, such as test/helpers/e2e.mjs `eventually`). Nothing else is exempt.
// 2. shared/ is pure: it imports only shared/ modules.
// 3. The extension imports only downward, in the order docs/architecture.md gives ("Where things live").
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { transformSync } from 'esbuild';
import { parseAst } from 'rollup/parseAst';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const problems = [];

function walk(dir, keep) {
  const out = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const isSource = (path) => /\.(ts|mjs|js)$/.test(path) && !path.endsWith('.d.ts');

// ── 1. no timed waits in tests ──────────────────────────────────────────────────────────────────────────

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForOfStatement', 'ForInStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

const isZero = (node) => node === undefined || (node.type === 'Literal' && node.value === 0);
const calleeName = (callee) =>
  callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? callee.property.name : undefined;

/** `r`, `resolve`, `() => r()`: a callback that only settles a promise, i.e. setTimeout used as a sleep. */
function onlySettles(fn) {
  if (!fn) return false;
  if (fn.type === 'Identifier') return true;
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return false;
  const body = fn.body.type === 'BlockStatement' && fn.body.body.length === 1 ? fn.body.body[0].expression : fn.body;
  return body?.type === 'CallExpression' && body.callee.type === 'Identifier' && body.arguments.length === 0;
}

function timedWait(call, promiseTimers) {
  const name = calleeName(call.callee);
  const [first, second] = call.arguments;
  if (name === 'waitForTimeout') return `waitForTimeout(…)`;
  if (name === 'sleep' || name === 'delay') return `${name}(…)`;
  if (name === 'aTimeout' && !isZero(first)) return 'aTimeout(N)';
  if (call.callee.type === 'Identifier' && promiseTimers.has(name) && !isZero(first))
    return `${name}(N) from timers/promises`;
  if (name === 'setTimeout' && !isZero(second) && onlySettles(first)) return 'setTimeout(resolve, N)';
  return undefined;
}

function checkWaits(file) {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const code = file.endsWith('.ts')
    ? transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code
    : source;
  const ast = parseAst(code);
  const promiseTimers = new Set();
  for (const node of ast.body) {
    if (node.type === 'ImportDeclaration' && /^(node:)?timers\/promises$/.test(node.source.value)) {
      for (const s of node.specifiers) if (s.imported?.name === 'setTimeout') promiseTimers.add(s.local.name);
    }
  }
  const visit = (node, ancestors) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'CallExpression') {
      const what = timedWait(node, promiseTimers);
      if (what) {
        let polled = false;
        for (let i = ancestors.length - 1; i >= 0; i--) {
          const node = ancestors[i];
          if (LOOPS.has(node.type)) polled = true;
          // A function ends the search, except a `new Promise(executor)` wrapped around the sleep itself.
          const executor = ancestors[i - 1]?.type === 'NewExpression' && ancestors[i - 1].callee.name === 'Promise';
          if (polled || (FUNCTIONS.has(node.type) && !executor)) break;
        }
        if (!polled) {
          // The AST is of the type-stripped code: find the line in the file as written.
          const snippet = code.slice(node.start, node.end).split('\n')[0].trim();
          const line = source.split('\n').findIndex((l) => l.includes(snippet)) + 1;
          problems.push(`${file}${line ? `:${line}` : ''}: a timed wait (${what}); wait for the event, ack or state`);
        }
      }
    }
    const next = [...ancestors, node];
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) visit(child, next);
      else if (value && typeof value === 'object') visit(value, next);
    }
  };
  visit(ast, []);
}

const testFiles = walk('test', isSource);
for (const file of testFiles) checkWaits(file);

// ── 2 and 3. imports ────────────────────────────────────────────────────────────────────────────────────

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function imports(file) {
  const source = readFileSync(join(ROOT, file), 'utf8');
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

const within = (path, folder) => path === folder || path.startsWith(folder + sep) || path.startsWith(folder + '/');

for (const file of walk('shared', isSource)) {
  for (const spec of imports(file)) {
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : spec;
    if (!within(target, 'shared')) problems.push(`${file}: imports ${spec}; shared/ imports only shared/ modules`);
  }
}

/** The extension's layers, bottom first: a file imports from its own folder or a lower layer only. */
const LAYERS = [
  ['contracts'],
  ['platform'],
  ['i18n'],
  ['storage'],
  ['background', 'ui'],
  ['content', 'popup', 'plan', 'options'],
];
const layerOf = (path) => {
  const top = relative('extension', path)
    .split(/[\\/]/)[0]
    .replace(/\.(ts|js)$/, '');
  return { top, rank: LAYERS.findIndex((names) => names.includes(top)) };
};

for (const file of walk('extension', isSource)) {
  const from = layerOf(file);
  if (from.rank < 0) problems.push(`${file}: ${from.top}/ is in no layer; add it to LAYERS and docs/architecture.md`);
  for (const spec of imports(file)) {
    if (!spec.startsWith('.')) continue;
    const target = relative(ROOT, resolve(ROOT, dirname(file), spec));
    if (within(target, 'shared')) continue;
    if (!within(target, 'extension')) {
      problems.push(`${file}: imports ${spec}; the extension imports only extension/ and shared/ modules`);
      continue;
    }
    const to = layerOf(target);
    if (to.top !== from.top && !(to.rank >= 0 && to.rank < from.rank)) {
      problems.push(`${file}: imports ${spec} (${to.top}), which is not below ${from.top} in the extension's order`);
    }
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\ncheck-structure: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  `check-structure: ${testFiles.length} test files without timed waits; shared/ pure; extension imports downward`,
);
