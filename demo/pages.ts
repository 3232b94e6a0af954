/**
 * What the demo store sends that is not the merchant API: files, the two pages (filled in per shopper), the
 * checkout's error page, and the headers every answer carries so that no other site can frame the store,
 * run script in it or read its referrers.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { formatFen } from '../shared/format.js';
import type { Product } from './catalogue.js';
import { HttpError, sendJson } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The store's Content-Security-Policy. Scripts and styles only from the store itself (no inline script, no
 * eval): the widget styles itself with constructable stylesheets and renders through Lit's Trusted Types
 * policy `lit-html`, the only policy allowed. No page may frame the store (`frame-ancestors 'none'`): a
 * framed bills page could be clicked through by a page laid over it. Forms post only to the store.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** Headers on every answer, pages, files and API alike. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  // For browsers that predate frame-ancestors.
  res.setHeader('x-frame-options', 'DENY');
  // A file is what its content-type says, never sniffed into script or HTML.
  res.setHeader('x-content-type-options', 'nosniff');
  // Plan ids in the store's addresses stay in the store.
  res.setHeader('referrer-policy', 'same-origin');
}

export async function sendFile(res: ServerResponse, base: string, relative: string): Promise<void> {
  const file = normalize(join(base, relative));
  if (!file.startsWith(base + sep) || extname(file) === '.html') throw new HttpError(404, 'not-found', 'No such page');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    throw new HttpError(404, 'not-found', 'No such page');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  res.end(body);
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const wantsJson = (req: IncomingMessage) => (req.headers.accept ?? '').includes('application/json');

/** A refusal for a person who submitted a form (JSON for scripts that ask for it). */
export function sendFormError(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (wantsJson(req)) {
    return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
  }
  res.writeHead(error.status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>下单失败 · fenqi demo store</title>
<link rel="stylesheet" href="/demo.css"><main><h1>下单失败</h1><p role="alert">${escapeHtml(error.message)}</p>
<p><a href="/">返回商品页</a></p></main></html>`);
}

/**
 * A page of `dir` with its `{{name}}` placeholders filled in (HTML-escaped) from `values`; `{{{name}}}` takes
 * `raw[name]` as it is, for markup its caller built from escaped parts.
 */
export async function sendPage(
  res: ServerResponse,
  dir: string,
  file: string,
  values: Record<string, string>,
  headers: Record<string, string> = {},
  { status = 200, raw = {} }: { status?: number; raw?: Record<string, string> } = {},
): Promise<void> {
  const template = await readFile(join(dir, file), 'utf8');
  res.writeHead(status, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...headers });
  // One pass: nothing filled in is read again for placeholders.
  res.end(
    template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_, rawKey?: string, key?: string) =>
      rawKey ? (raw[rawKey] ?? '') : escapeHtml(values[key!] ?? ''),
    ),
  );
}

/**
 * The product page's values from the catalogue: the price shown is the price the server charges. `quantity` and
 * `plan` (from the address, back from the confirmation) preset the cart and the choice when they are valid.
 */
export function productValues(
  product: Product,
  quantity: string | null = null,
  plan: string | null = null,
): Record<string, string> {
  const count =
    quantity && /^[1-9]\d{0,2}$/.test(quantity) && Number(quantity) <= product.maxQuantity ? Number(quantity) : 1;
  const total = product.price * count;
  return {
    id: product.id,
    name: product.name,
    price: String(product.price),
    priceYuan: `${Math.floor(product.price / 100)}.${String(product.price % 100).padStart(2, '0')}`,
    priceText: formatFen(product.price),
    maxQuantity: String(product.maxQuantity),
    quantity: String(count),
    totalYuan: `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`,
    totalText: formatFen(total),
    plan: plan && /^[a-z0-9][a-z0-9_-]{0,63}:[1-9]\d{0,2}$/i.test(plan) ? plan : '',
  };
}
