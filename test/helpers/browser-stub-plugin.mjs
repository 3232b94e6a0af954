// A web-test-runner plugin: in unit tests, `webextension-polyfill` (imported only by
// extension/platform/browser.ts) is replaced by the browser stub, so the extension's modules run in a plain
// test page with real IndexedDB and a recorded, in-memory `browser`.
export function browserStubPlugin() {
  return {
    name: 'fenqi-browser-stub',
    resolveImport({ source }) {
      if (source === 'webextension-polyfill') return '/test/helpers/browser-stub.ts';
    },
  };
}
