// What the screen harness asserts about one screen at one width, language and colour scheme. `inspect` runs
// inside the page (page.evaluate) and returns a list of problems, each a sentence naming the element; an
// empty list is a screen a shopper can use. It looks through every shadow root.

/**
 * @param {{ dialog?: string[] | null, primary?: string[] | null, touch: boolean }} options
 *   `dialog` and `primary` are paths of selectors: each but the last names a host whose shadow root the next
 *   one is looked up in (`['fenqi-bill-panel', 'dialog.repay button.confirm']`). `touch`: a phone or tablet
 *   width, where every control of the widget must be at least 44 × 44 px and inputs 16 px (else iOS zooms).
 *   `pageControls`: the page's own controls too, not only the widget's (the extension's options page).
 *   `lang`: the page's language; on a zh-CN page the widget's own words must be Chinese. `storeText`: what the
 *   store itself names in any language (its product names, "Xiaomi 14 Ultra 16GB+512GB"), shown as given.
 * @returns {string[]}
 */
export function inspect({ dialog = null, primary = null, touch, pageControls = false, lang = null, storeText = [] }) {
  const problems = [];
  const html = document.documentElement;
  const vw = html.clientWidth;
  const vh = window.innerHeight;

  /** `fenqi-bill-panel › dialog.repay label.choice` */
  const name = (el) => {
    const own = (e) =>
      e.localName +
      (e.id ? `#${e.id}` : '') +
      [...e.classList].map((c) => `.${c}`).join('') +
      (e.getAttribute('part') ? `[part="${e.getAttribute('part')}"]` : '');
    const chain = [];
    let node = el;
    for (let i = 0; node && node.nodeType === 1 && i < 3; i++) {
      chain.unshift(own(node));
      node = node.parentNode?.host ?? node.parentElement;
    }
    const host = el.getRootNode().host;
    return (host ? `${host.localName} › ` : '') + chain.join(' > ');
  };
  const deep = (path) => {
    let root = document;
    let el = null;
    for (const selector of path) {
      el = root?.querySelector(selector) ?? null;
      if (!el) return null;
      root = el.shadowRoot;
    }
    return el;
  };
  const parentOf = (el) => el.parentElement ?? el.parentNode?.host ?? null;

  // Every rendered element, in the page and in every shadow root.
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.closest('head, script, style, template')) continue;
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  // With a modal dialog open the rest of the page is inert: look at the dialog only (but at the whole page's width).
  const modal = dialog ? deep(dialog) : null;
  const scope = modal ? all.filter((el) => el === modal || modal.contains(el)) : all;

  // Screen-reader-only text (clipped to nothing on purpose) and what is inside it.
  const srOnly = new Map();
  const isSrOnly = (el) => {
    if (!el || el === html) return false;
    if (srOnly.has(el)) return srOnly.get(el);
    const cs = getComputedStyle(el);
    const own =
      cs.clipPath === 'inset(50%)' || (el.offsetWidth <= 1 && el.offsetHeight <= 1 && cs.overflow === 'hidden');
    const result = own || isSrOnly(parentOf(el));
    srOnly.set(el, result);
    return result;
  };
  const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';

  // 1. Nothing scrolls sideways: not the page, not a dialog, not any box inside a shadow root.
  if (html.scrollWidth > vw) problems.push(`the page scrolls sideways (${html.scrollWidth} px wide in ${vw} px)`);
  for (const el of all) {
    if (el === html || el === document.body || !rendered(el) || isSrOnly(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'inline' || cs.display === 'contents') continue;
    if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
    // Form controls measure their own inner text; a select wider than its box is what the shopper sees.
    const what =
      cs.overflowX === 'visible'
        ? 'its content overflows it'
        : cs.overflowX === 'hidden' || cs.overflowX === 'clip'
          ? 'it clips its content'
          : 'it scrolls sideways';
    problems.push(`${name(el)}: ${what} (${el.scrollWidth} px in ${el.clientWidth} px)`);
  }

  // 2. Short tokens (dates, 期数, amounts, rates, badges) sit on one line, never broken in the middle.
  const TOKENS = [
    /\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日/g, // 2026年12月10日, 12月10日
    /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(?:, \d{4})?/g, // Dec 10, 2026
    /\d{4}-\d{2}-\d{2}/g,
    /第\d+期|\d+\/\d+期?|\d+期(?:免息)?|\d+ (?:months?|payments?|installments?)\b/g, // 第3期, 2/12期, 12期, 12 months
    /(?:CN)?¥[\d,]+(?:\.\d+)?|[\d,]+\.\d\d(?:人民币| Chinese yuan)/g, // ¥5,999.00
    /\d+(?:\.\d+)?%/g,
    /已逾期 ?\d+ ?天|\d+ ?天后到期/g,
  ];
  const lineCount = (range) => {
    const lines = [];
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      const middle = (r.top + r.bottom) / 2;
      if (!lines.some(([top, bottom]) => middle > top && middle < bottom)) lines.push([r.top, r.bottom]);
    }
    return lines.length;
  };
  const range = document.createRange();
  const seen = new Set();
  for (const el of scope) {
    if (!rendered(el) || isSrOnly(el)) continue;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) continue;
      for (const pattern of TOKENS) {
        for (const match of node.data.matchAll(pattern)) {
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const key = `${name(el)}: "${match[0]}"`;
          if (lineCount(range) > 1 && !seen.has(key)) {
            seen.add(key);
            problems.push(`${key} is broken across lines`);
          }
        }
      }
    }
  }
  // Badges as a whole, too ("推荐", "3期免息", "Overdue by 2 days").
  for (const el of scope) {
    const part = el.getAttribute('part') ?? '';
    if (!(el.classList.contains('badge') || /\bbadge\b/.test(part)) || !rendered(el)) continue;
    range.selectNodeContents(el);
    if (lineCount(range) > 1) problems.push(`${name(el)}: the badge "${el.textContent.trim()}" is broken across lines`);
  }

  // 3. A dialog fits the screen, and its primary button is visible without scrolling the page or the dialog.
  if (dialog) {
    const d = modal;
    if (!d || !d.open) problems.push(`the dialog ${dialog.join(' › ')} is not open`);
    else {
      const r = d.getBoundingClientRect();
      if (r.left < -0.5 || r.right > vw + 0.5 || r.top < -0.5 || r.bottom > vh + 0.5)
        problems.push(
          `${name(d)}: does not fit the screen (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${vw}×${vh})`,
        );
    }
  }
  if (primary) {
    const button = deep(primary);
    if (!button || !rendered(button)) problems.push(`the primary action ${primary.join(' › ')} is not on screen`);
    else {
      // A page's primary action may be below the fold, but it must be reachable: scrolled to, it is in view.
      // A dialog's must already be in view, the dialog scrolled to its top.
      if (!dialog) button.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = button.getBoundingClientRect();
      const x = Math.min(Math.max((r.left + r.right) / 2, 0), vw - 1);
      const y = Math.min(Math.max((r.top + r.bottom) / 2, 0), vh - 1);
      const hit = button.getRootNode().elementFromPoint(x, y);
      if (r.left < -0.5 || r.right > vw + 0.5 || r.top < -0.5 || r.bottom > vh + 0.5)
        problems.push(
          `${name(button)}: the primary action is outside the viewport (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${vw}×${vh})`,
        );
      else if (!hit || !(hit === button || button.contains(hit)))
        problems.push(`${name(button)}: the primary action is hidden under ${hit ? name(hit) : 'nothing'}`);
      window.scrollTo(0, 0);
    }
  }

  // 4. On touch screens: targets of at least 44 × 44 px and inputs of at least 16 px, in the widget.
  if (touch) {
    for (const el of scope) {
      const inWidget = el.getRootNode().host?.localName.startsWith('fenqi-');
      if (!(inWidget || pageControls) || !rendered(el) || isSrOnly(el)) continue;
      const control =
        el.matches(
          'button, summary, select, input[type="text"], input[type="password"], input[type="number"], input:not([type])',
        ) ||
        (el.localName === 'label' && el.querySelector('input[type="radio"], input[type="checkbox"]'));
      if (!control) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
        problems.push(`${name(el)}: a touch target of ${Math.round(r.width)} × ${Math.round(r.height)} px (< 44 × 44)`);
      if (el.matches('select, input') && parseFloat(getComputedStyle(el).fontSize) < 16)
        problems.push(`${name(el)}: ${getComputedStyle(el).fontSize} text in an input (phones zoom below 16px)`);
    }
  }
  // 5. On a zh-CN page the widget says nothing in English: no Latin word in its text (screen-reader text
  // included), except what the store names (its products, as given) and its order numbers (ORD-2401).
  if (lang === 'zh-CN') {
    for (const el of scope) {
      if (!el.getRootNode().host?.localName.startsWith('fenqi-') || !rendered(el)) continue;
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const own = storeText.reduce((text, given) => text.replaceAll(given, ''), node.data);
        const words = own.replace(/\b[A-Z]+-\d+\b/g, '').match(/[A-Za-z]{2,}/g);
        if (words) problems.push(`${name(el)}: English on a zh-CN page ("${node.data.trim()}")`);
      }
    }
  }
  return problems;
}
