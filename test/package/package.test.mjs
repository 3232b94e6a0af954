// The npm package as a merchant's developer gets it: `npm pack` of the built tree (run the build first), checked
// by publint and @arethetypeswrong/cli (ESM-only profile), its declarations type-checked from a consumer's file,
// and every entry imported in a fresh Node process the way a server renderer (Next.js, Nuxt) imports it.
// Run: `node --test test/package/package.test.mjs` (part of `npm test`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'fenqi-package-'));
/** A merchant's project with the packed package installed (lit, React and Vue from this repository's node_modules). */
const consumer = join(scratch, 'consumer');
let tarball = '';
/** Paths inside the tarball, without the leading `package/`. */
let packed = [];

const run = (command, args, options = {}) => spawnSync(command, args, { encoding: 'utf8', cwd: root, ...options });

before(() => {
  assert.ok(existsSync(join(root, 'dist/npm/widget/fenqi.js')), 'dist/npm is missing: build first (npm run build)');
  // --ignore-scripts: the tree is already built; prepack would build it again.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch]);
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout);
  tarball = join(scratch, info.filename);
  packed = info.files.map((f) => f.path);

  const installed = join(consumer, 'node_modules', 'fenqi');
  mkdirSync(installed, { recursive: true });
  const untar = run('tar', ['xzf', tarball, '--strip-components=1', '-C', installed]);
  assert.equal(untar.status, 0, untar.stderr);
  // The package's dependency, and the optional peers and types a React or Vue app would have.
  for (const name of ['lit', 'react', 'vue', '@types/react']) {
    mkdirSync(dirname(join(consumer, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(consumer, 'node_modules', name), 'dir');
  }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'a-store', private: true, type: 'module' }));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds the modules, their declarations, the script-tag build and the manifest, and nothing else', () => {
  const outside = packed.filter(
    (path) =>
      !path.startsWith('dist/npm/') &&
      !['dist/widget/fenqi.js', 'dist/widget/bill-panel.js', 'dist/widget/flows.js'].includes(path) &&
      !['package.json', 'README.md', 'custom-elements.json'].includes(path),
  );
  assert.deepEqual(outside, []);
  // Declarations describe only what the package ships: nothing of the extension, the demo store or the tests.
  const foreign = packed.filter((path) => /(^|\/)(extension|demo|test|bench)\//.test(path.replace(/^dist\/npm\//, '')));
  assert.deepEqual(foreign, []);
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : Object.values(target);
    for (const file of files) assert.ok(packed.includes(file.replace(/^\.\//, '')), `${entry} → ${file} is packed`);
  }
  for (const file of pkg.sideEffects) assert.ok(packed.includes(file.replace(/^\.\//, '')), `${file} is packed`);
  assert.deepEqual(Object.keys(pkg.dependencies), ['lit'], 'the package needs only lit at run time');
});

test('publint finds no error, warning or suggestion', async () => {
  const data = readFileSync(tarball);
  const { messages, pkg: packedPkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  assert.deepEqual(
    messages.map((m) => `${m.type}: ${formatMessage(m, packedPkg, { color: false })}`),
    [],
  );
});

test('@arethetypeswrong/cli (ESM-only profile) finds no problem', () => {
  const attw = run(join(root, 'node_modules/.bin/attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--format',
    'table-flipped',
  ]);
  // It exits non-zero on any problem the profile does not ignore (CommonJS and node10 resolution).
  assert.equal(attw.status, 0, `${attw.stdout}\n${attw.stderr}`);
});

test('a TypeScript consumer gets typed tags, typed events and the domain types from the declarations', () => {
  writeFileSync(
    join(consumer, 'store.ts'),
    `import { FenqiPlanSelector, quote, type PlanChangeDetail } from 'fenqi';
import { FenqiBillPanel, type FenqiMerchantAdapter } from 'fenqi/bill-panel';
import { FenqiPlanSelector as OnlySelector } from 'fenqi/plan-selector';
import { PlanSelector as ReactPlanSelector, BillPanel as ReactBillPanel } from 'fenqi/react';
import { isFenqiElement, type PlanSelectorVueProps } from 'fenqi/vue';
import { amountDue, applyRepayment, validateMerchantConfig, type AmountDue, type Plan, type QuoteResult } from 'fenqi/domain';

const selector: FenqiPlanSelector = document.createElement('fenqi-plan-selector');
const alone: OnlySelector = selector;
const panel: FenqiBillPanel | null = document.querySelector('fenqi-bill-panel');
alone.amountFen = 599900;
selector.addEventListener('fenqi-plan-change', (event) => {
  const detail: PlanChangeDetail = event.detail;
  const chosen: QuoteResult | null = event.detail.quote;
  console.log(detail.value, chosen?.totalRepayment);
});
selector.addEventListener('fenqi-ready', (event) => console.log(event.detail.value));
document.addEventListener('fenqi-error', (event) => console.log(event.detail.code, event.detail.message));
panel?.addEventListener('fenqi-repaid', (event) => console.log(event.detail.repayment, event.detail.plan.id));
panel?.addEventListener('fenqi-method-changed', (event) => console.log(event.detail.method));
panel?.addEventListener('fenqi-verification', (event) => console.log(event.detail.planId));
// @ts-expect-error a plan change has no such field
selector.addEventListener('fenqi-plan-change', (event) => event.detail.amount);
// @ts-expect-error the panel's events carry their own detail
panel?.addEventListener('fenqi-repaid', (event) => event.detail.value);
const adapter: FenqiMerchantAdapter | null | undefined = panel?.adapter;
const result: QuoteResult = quote({ principal: 100, term: 1, fee: { model: 'interest-free' }, purchaseDate: '2025-01-01' });
const checked = validateMerchantConfig({});
if (!checked.ok) console.log(checked.errors[0]?.path);
const paid = (plan: Plan) => applyRepayment(plan, { payoff: true }, '2025-01-01').charged;
const owed = (plan: Plan): AmountDue => amountDue(plan, { payoff: true }, '2025-01-01');
// React: the events are onX props with typed details.
const reactSelector = ReactPlanSelector({ amountFen: 599900, name: 'plan', onPlanChange: (e) => console.log(e.detail.quote?.totalFee) });
const reactPanel = ReactBillPanel({ api: '/api', onRepaid: (e) => console.log(e.detail.repayment) });
// @ts-expect-error onPlanChange's event carries a PlanChangeDetail
ReactPlanSelector({ onPlanChange: (e: CustomEvent<{ nope: 1 }>) => e });
const vueProps: PlanSelectorVueProps = { amountFen: 1, onFenqiPlanChange: (e) => console.log(e.detail.value) };
console.log(adapter, result, paid, owed, reactSelector, reactPanel, vueProps, isFenqiElement('fenqi-bill-panel'));
`,
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        noEmit: true,
        // The package's own declarations are checked too (lit's are lit's business).
        skipLibCheck: false,
      },
      files: ['store.ts'],
    }),
  );
  const tsc = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
    cwd: consumer,
  });
  assert.equal(tsc.status, 0, `${tsc.stdout}\n${tsc.stderr}`);
});

/**
 * Imports `specifier` in a fresh Node process from the consumer project and reports what happened. `window`,
 * `customElements` and the other browser globals Node lacks throw when touched; `HTMLElement` and `document` stay
 * absent, as on a server. With `domShim`, HTMLElement and a recording customElements exist, as they do when a
 * server renderer installs a DOM shim (Lit SSR does), and `document` and `window` still do not.
 */
function importOnServer(specifier, { domShim = false, then = '' } = {}) {
  const script = `
const trapped = ['window', 'self', 'navigator', 'location', 'customElements', 'MutationObserver', 'CSSStyleSheet',
  'localStorage', 'sessionStorage', 'matchMedia', 'getComputedStyle', 'requestAnimationFrame'];
const touched = [];
const defined = [];
if (${domShim}) {
  globalThis.HTMLElement = class {};
  globalThis.customElements = { get: () => undefined, define: (tag) => defined.push(tag) };
}
for (const name of trapped) {
  if (name in globalThis) continue;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      touched.push(name);
      throw new Error(name + ' touched on import');
    },
  });
}
const before = new Set(Object.getOwnPropertyNames(globalThis));
let error = null;
let exports = [];
let extra = null;
try {
  const module = await import(${JSON.stringify(specifier)});
  exports = Object.keys(module).sort();
  ${then}
} catch (e) {
  error = String(e && e.stack || e);
}
const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
console.log(JSON.stringify({ error, touched, defined, added, exports, extra }));
`;
  const node = run(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
  assert.equal(node.status, 0, node.stderr);
  return JSON.parse(node.stdout.trim().split('\n').at(-1));
}

// What each entry defines when there is a registry, and a class it must export even on a server.
const entries = [
  { specifier: 'fenqi', defines: ['fenqi-plan-selector'], exportsOne: 'FenqiPlanSelector' },
  { specifier: 'fenqi/plan-selector', defines: ['fenqi-plan-selector'], exportsOne: 'FenqiPlanSelector' },
  { specifier: 'fenqi/bill-panel', defines: ['fenqi-bill-panel'], exportsOne: 'FenqiBillPanel' },
  { specifier: 'fenqi/domain', defines: [], exportsOne: 'quote' },
  { specifier: 'fenqi/testing', defines: [], exportsOne: 'FakeMerchant' },
  { specifier: 'fenqi/react', defines: ['fenqi-plan-selector', 'fenqi-bill-panel'], exportsOne: 'PlanSelector' },
  { specifier: 'fenqi/vue', defines: [], exportsOne: 'isFenqiElement' },
];

for (const { specifier, defines, exportsOne } of entries) {
  test(`on a server, importing ${specifier} neither throws nor touches a browser global`, () => {
    const result = importOnServer(specifier);
    assert.equal(result.error, null);
    assert.deepEqual(result.touched, []);
    // lit-html keeps its versions in one global (litHtmlVersions); fenqi adds none.
    assert.deepEqual(
      result.added.filter((name) => name !== 'litHtmlVersions'),
      [],
    );
    assert.ok(result.exports.includes(exportsOne), `${specifier} exports ${exportsOne}: ${result.exports}`);
  });

  test(`with a server DOM shim, ${specifier} defines ${defines.join(', ') || 'nothing'} and touches no window`, () => {
    const result = importOnServer(specifier, { domShim: true });
    assert.equal(result.error, null);
    assert.deepEqual(result.touched, []);
    assert.deepEqual(result.defined, defines);
  });
}

test('on a server, the domain entry quotes, checks a config and applies a repayment', () => {
  const result = importOnServer('fenqi/domain', {
    then: `
const { quote, validateMerchantConfig, quoteProvider, STARTER_CONFIG, amountDue, applyRepayment, planStatus } = module;
// ¥900.00 over 3 months, interest-free: three ¥300.00 installments on the purchase day of the next months.
const q = quote({ principal: 90000, term: 3, fee: { model: 'interest-free' }, purchaseDate: '2025-01-15' });
const good = validateMerchantConfig(STARTER_CONFIG);
const bad = validateMerchantConfig({ currency: 'CNY', providers: [] });
// 花呗 3 periods at 2.3% of ¥1,000.00: ¥23.00 of fees in all.
const huabei = quoteProvider(good.config.providers[0], 3, 100000, '2025-01-15');
const plan = {
  id: 'p1', origin: 'https://shop.example', orderId: 'o1', product: 'Kettle', provider: { id: 'huabei', name: '花呗分期' },
  principal: 90000, currency: 'CNY', purchaseDate: '2025-01-15', autoDebit: false, preferredMethod: null,
  policy: module.DEFAULT_POLICY,
  installments: q.installments.map((i) => ({ n: i.n, dueDate: i.dueDate, principal: i.principal, fee: i.fee, paid: 0, paidDate: null })),
};
// On its due date the first installment is owed, with no late charge yet; repaying it charges exactly that.
const due = amountDue(plan, { count: 1 }, '2025-02-15');
const repaid = applyRepayment(plan, { installments: [1] }, '2025-02-15');
extra = {
  amounts: q.installments.map((i) => i.total),
  dueDates: q.installments.map((i) => i.dueDate),
  good: good.ok,
  bad: bad.ok,
  huabeiFee: huabei.totalFee,
  due: due.total,
  charged: repaid.charged,
  settled: repaid.settled,
  afterState: planStatus(repaid.plan, '2025-02-15').next.n,
};`,
  });
  assert.equal(result.error, null);
  assert.deepEqual(result.extra, {
    amounts: [30000, 30000, 30000],
    dueDates: ['2025-02-15', '2025-03-15', '2025-04-15'],
    good: true,
    bad: false,
    huabeiFee: 2300,
    due: 30000,
    charged: 30000,
    settled: [1],
    afterState: 2,
  });
});

test('the custom elements manifest is exported and lists both tags', () => {
  const script = `import manifest from 'fenqi/custom-elements.json' with { type: 'json' };
const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName);
console.log(JSON.stringify(tags.sort()));`;
  const node = run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { cwd: consumer });
  assert.equal(node.status, 0, node.stderr);
  assert.deepEqual(JSON.parse(node.stdout), ['fenqi-bill-panel', 'fenqi-plan-selector']);
});
