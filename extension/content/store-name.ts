/**
 * The store's name as its page announces it: `<meta name="application-name" content="…">` (the HTML standard's
 * name of a web application), else `<meta property="og:site_name" content="…">` (Open Graph). Read from the page's
 * document when the page sends its plans, cleaned as every page-given text is (shared/display-text.ts) and cut
 * to STORE_NAME_CHARS. The page controls it like everything else it sends, so the extension shows it only beside
 * the host the browser stamped (the popup and plan page put the host under it), never instead of it.
 */
import { displayText, STORE_NAME_CHARS } from '../../shared/display-text.js';

const ANNOUNCED = ['meta[name="application-name" i]', 'meta[property="og:site_name" i]'];

/** The first name `doc` announces that has something visible in it, cleaned; undefined when it announces none. */
export function announcedStoreName(doc: Document): string | undefined {
  for (const selector of ANNOUNCED) {
    for (const meta of doc.querySelectorAll(selector)) {
      const name = displayText(meta.getAttribute('content'), STORE_NAME_CHARS, '');
      if (name) return name;
    }
  }
  return undefined;
}
