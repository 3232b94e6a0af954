// Builds the four things fenqi ships: the merchant widget for a script tag (dist/widget), the same widget as
// the npm package's modules and declarations (dist/npm), the shopper extension (dist/extension) and the demo
// store's server (dist/demo). TypeScript is stripped by esbuild; `tsc --noEmit` does the type checking
// (TypeScript 7 has no JS API for a rollup plugin to call), and `tsc` writes the package's declarations.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import esbuild from 'rollup-plugin-esbuild';

// Start from an empty dist/ so no chunk of an earlier build is served or measured.
rmSync('dist', { recursive: true, force: true });

const ts = (define = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', define });
// `sequences: false` keeps statements apart instead of joining them with commas: more bytes minified, fewer
// gzipped, since the statements repeat (5–55 B of the selector entry, measured as the code changed).
const minify = () =>
  terser({ ecma: 2022, module: true, compress: { passes: 2, sequences: false }, format: { comments: false } });

/**
 * Drops the indentation Prettier gives the widget's html`` and css`` templates (~100 B gzip of the selector
 * entry, ~290 B of the bill panel). After terser a raw newline can only be inside a template literal, and a
 * newline followed by spaces renders as the newline alone: no template uses white-space: pre.
 */
function templateIndentation() {
  return { name: 'fenqi-template-indentation', renderChunk: (code) => code.replace(/\n\s+/g, '\n') };
}

/**
 * Squeezes the components' css`` templates (`*.styles.ts`): no comments, no whitespace around `{ } ; , >` or after
 * `:`, no `;` before `}`, no zero before a decimal point (selector entry 14,353 → 14,283 B gzip, bill panel 12,887 → 12,225 B). Only those: a space
 * before `:` is a descendant combinator (`dialog .actions :only-child`) and is kept. The styles hold no `${}`
 * and no strings with these characters (`>` only as the child combinator).
 */
function cssWhitespace() {
  return {
    name: 'fenqi-css-whitespace',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return code.replace(/css`([^`]*)`/g, (_, body) => {
        const squeezed = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([\s:(,/-])0\.(\d)/g, '$1.$2')
          .trim();
        return `css\`${squeezed}\``;
      });
    },
  };
}

/** Copies the extension's static files and writes its manifest with the package's version. */
function extensionFiles() {
  return {
    name: 'fenqi-extension-files',
    async writeBundle() {
      const pkg = JSON.parse(await readFile('package.json', 'utf8'));
      const manifest = JSON.parse(await readFile('manifest.json', 'utf8'));
      manifest.version = pkg.version;
      await mkdir('dist/extension', { recursive: true });
      await writeFile('dist/extension/manifest.json', JSON.stringify(manifest, null, 2) + '\n');
      await cp('extension/_locales', 'dist/extension/_locales', { recursive: true });
      for (const file of ['options/options.html', 'popup/popup.html', 'plan/plan.html', 'ui/pages.css']) {
        await cp(`extension/${file}`, `dist/extension/${file.split('/').pop()}`);
      }
      await cp('extension/icons', 'dist/extension/icons', { recursive: true });
    },
  };
}

/** Writes the package's `.d.ts` files beside its modules (tsconfig.types.json: the four entries and what they import). */
function packageTypes() {
  return {
    name: 'fenqi-package-types',
    writeBundle() {
      const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], {
        encoding: 'utf8',
      });
      if (tsc.status !== 0) this.error(`tsc -p tsconfig.types.json failed:\n${tsc.stdout}${tsc.stderr}`);
    },
  };
}

const extensionScript = (name, input, format) => ({
  input,
  output: { file: `dist/extension/${name}.js`, format, sourcemap: false },
  // The Public Suffix List (tldts) builds its tables at load: rollup would keep them in every page that imports
  // the storage modules, though only the service worker's writes use them. They have no other effect.
  treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]tldts(-core)?[\\/]/.test(id) },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    ts(),
    minify(),
    ...(name === 'service-worker' ? [extensionFiles()] : []),
  ],
});

export default [
  {
    input: { fenqi: 'widget/fenqi.ts' },
    // Let the entry chunk carry the code it shares with the bill panel, so a product page makes one request.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist/widget', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    // FenqiElement's development warnings are dropped from what merchants load.
    plugins: [
      nodeResolve({ browser: true }),
      cssWhitespace(),
      ts({ 'globalThis.FENQI_DEV': 'false' }),
      minify(),
      templateIndentation(),
    ],
  },
  // The npm package (package.json `exports`): one module per source file, so a merchant's bundler keeps only what
  // is imported and each component entry defines only its own tag. Lit stays a dependency the app shares, React and
  // Vue optional peers of their entries; the merchant's bundler minifies. FenqiElement's development warnings
  // concern fenqi's own components: dropped too.
  {
    input: [
      'widget/fenqi.ts',
      'widget/plan-selector/plan-selector.ts',
      'widget/bill-panel/bill-panel.ts',
      'widget/domain.ts',
      'widget/testing.ts',
      'widget/react/index.ts',
      'widget/vue.ts',
    ],
    external: (id) => /^(lit|react|vue)(\/|$)/.test(id),
    preserveEntrySignatures: 'strict',
    output: { dir: 'dist/npm', format: 'es', preserveModules: true, entryFileNames: '[name].js' },
    plugins: [ts({ 'globalThis.FENQI_DEV': 'false' }), packageTypes()],
  },
  // Content scripts and Firefox's background scripts are classic scripts: one self-contained file each.
  extensionScript('service-worker', 'extension/background/service-worker.ts', 'iife'),
  extensionScript('content-script', 'extension/content/content-script.ts', 'iife'),
  extensionScript('options', 'extension/options/options.ts', 'es'),
  extensionScript('popup', 'extension/popup/popup.ts', 'es'),
  extensionScript('plan', 'extension/plan/plan.ts', 'es'),
  {
    input: 'demo/server.ts',
    output: { file: 'dist/demo/server.mjs', format: 'es' },
    // The database drivers stay packages: PGlite loads its WebAssembly and data files from beside its own code.
    external: (id) => id.startsWith('node:') || id === 'pg' || id.startsWith('@electric-sql/pglite'),
    plugins: [nodeResolve(), ts()],
  },
];
