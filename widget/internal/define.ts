// A server rendering the page (Next.js, Nuxt) has no HTMLElement. It is the one browser global fenqi reads on
// import: without it nothing is defined or watched, and window, document and customElements are never touched.
const onServer = (): boolean => globalThis.HTMLElement === undefined;

/**
 * Registers a custom element once. A merchant's page may load fenqi.js twice (two script tags, a CMS
 * and a theme both adding it); the second `define` would throw, so it is skipped.
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (onServer()) return;
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/**
 * Loads an element's code the first time its tag appears in the document, so pages without it never
 * download it. Only the light DOM is watched: a page that renders the tag inside its own shadow root
 * imports the element's module directly instead. A server with a DOM shim (HTMLElement but no document)
 * has nothing to watch either.
 */
export function loadWhenUsed(tag: string, load: () => Promise<unknown>): void {
  if (onServer() || typeof document === 'undefined' || customElements.get(tag)) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    observer.disconnect();
    load().catch((error: unknown) => console.error(`fenqi: could not load <${tag}>`, error));
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector(tag)) start();
  });
  if (document.querySelector(tag)) start();
  else observer.observe(document.documentElement, { childList: true, subtree: true });
}
