// Builds the three things fenqi ships: the merchant widget (dist/widget), the shopper extension
// (dist/extension) and the demo store's server (dist/demo). TypeScript is stripped by esbuild;
// `tsc --noEmit` does the type checking (TypeScript 7 has no JS API for a rollup plugin to call).
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import esbuild from 'rollup-plugin-esbuild';

// Start from an empty dist/ so no chunk of an earlier build is served or measured.
rmSync('dist', { recursive: true, force: true });

const ts = (define = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', define });
const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

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
      for (const file of ['options/options.html', 'popup/popup.html', 'plan/plan.html', 'pages/pages.css']) {
        await cp(`extension/${file}`, `dist/extension/${file.split('/').pop()}`);
      }
      await cp('extension/icons', 'dist/extension/icons', { recursive: true });
    },
  };
}

const extensionScript = (name, input, format) => ({
  input,
  output: { file: `dist/extension/${name}.js`, format, sourcemap: false },
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
    plugins: [nodeResolve({ browser: true }), ts({ 'globalThis.FENQI_DEV': 'false' }), minify()],
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
    external: (id) => id.startsWith('node:'),
    plugins: [nodeResolve(), ts()],
  },
];
