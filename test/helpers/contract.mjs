// The merchant API's contract, docs/merchant-api.openapi.yaml, as a check on real answers: `checkAnswer` says
// what is wrong with one answer, `watchAnswers` checks every answer a demo store in this process gives while a
// test runs (the ones the browser fetches too), and `checkEveryAnswer` does the same inside a spawned store's
// own process (FENQI_CONTRACT_CHECK=1, see demo/server.ts), so the prose, the OpenAPI file and demo/ cannot
// drift apart. An answer that breaks the contract is not sent: the client gets `500 contract-violation` instead.
import dc from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';

/** The file answers are checked against; FENQI_CONTRACT_FILE names another (the check's own tests). */
export const CONTRACT_FILE =
  process.env.FENQI_CONTRACT_FILE || fileURLToPath(new URL('../../docs/merchant-api.openapi.yaml', import.meta.url));

/** How a spawned store reports a broken answer on stderr (test/helpers/demo-process.mjs collects these lines). */
export const VIOLATION_PREFIX = 'fenqi contract violation: ';

let loaded;

/** The OpenAPI document, its operations as path patterns, and a JSON Schema 2020-12 validator for its schemas. */
export function contract() {
  if (loaded) return loaded;
  const doc = yaml.load(readFileSync(CONTRACT_FILE, 'utf8'));
  // Ajv resolves schema references; OpenAPI's own ones (#/components/responses/…) are resolved below.
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  ajv.addSchema({ $id: 'openapi', $defs: rebase(doc.components.schemas) });
  const routes = Object.entries(doc.paths).map(([path, item]) => {
    const base = (item.servers ?? doc.servers ?? [{ url: '/' }])[0].url.replace(/\/$/, '');
    const pattern = `${base}${path}`.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return { path, item, pattern: new RegExp(`^${pattern}$`) };
  });
  const apiBase = doc.servers[0].url.replace(/\/$/, '');
  const compiled = new Map();
  const validator = (key, schema) => {
    if (!compiled.has(key)) compiled.set(key, ajv.compile(rebase(schema)));
    return compiled.get(key);
  };
  loaded = { doc, routes, apiBase, validator };
  return loaded;
}

/** `#/components/schemas/X` → `openapi#/$defs/X`, everywhere in a copy of `schema`. */
function rebase(schema) {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', 'openapi#/$defs/')
        : rebase(value),
    ]),
  );
}

const mediaOf = (contentType) => contentType.split(';')[0].trim().toLowerCase();

/**
 * The operation the contract has for this answer, `null` for one it need not describe: the store's pages and
 * files (HTML, scripts, styles, images, a `.json` file) outside the API's base. Any other answer on a path or
 * method the file does not list is an undocumented route, which may only say there is no such route (404/405).
 */
function operationFor(method, pathname, contentType) {
  const { doc, routes, apiBase } = contract();
  const route = routes.find((r) => r.pattern.test(pathname));
  const verb = method.toLowerCase();
  const op = route?.item[verb];
  if (op)
    return { name: `${method} ${route.path}`, responses: op.responses, htmlRefusals: op['x-fenqi-html-refusals'] };
  const underApi = pathname === apiBase || pathname.startsWith(`${apiBase}/`);
  const file = /\.[a-z0-9]+$/i.test(pathname);
  if (route || underApi || (mediaOf(contentType) === 'application/json' && !file))
    return {
      name: `${method} ${pathname}`,
      undocumented: true,
      responses: { 404: doc.components.responses.NoRoute, 405: doc.components.responses.NoRoute },
    };
  return null;
}

/** Every response schema of every operation, compiled: a typo in the file (an unknown keyword) throws here. */
export function compileAll() {
  const { doc, routes, validator } = contract();
  let count = 0;
  for (const { path, item } of routes)
    for (const [verb, op] of Object.entries(item))
      for (const [status, response] of Object.entries(op?.responses ?? {})) {
        const resolved = response.$ref ? doc.components.responses[response.$ref.split('/').pop()] : response;
        for (const [media, content] of Object.entries(resolved.content ?? {}))
          if (content.schema) {
            validator(`${verb.toUpperCase()} ${path} ${status} ${media}`, content.schema);
            count++;
          }
      }
  for (const [name, schema] of Object.entries(doc.components.schemas)) validator(`schema ${name}`, schema);
  return count;
}

/** Whether the contract speaks about this answer (not a page or file; HEAD answers have no body to check). */
export function coversAnswer(method, pathname, contentType = '') {
  return method !== 'HEAD' && operationFor(method, pathname, contentType) !== null;
}

/**
 * What is wrong with one answer, by the contract: `[]` when it keeps it. `body` is the answer's text;
 * `contentType` its header. Pages and files the contract need not describe give `[]`.
 */
export function checkAnswer({ method, pathname, status, contentType = '', body = '' }) {
  if (!coversAnswer(method, pathname, contentType)) return [];
  const op = operationFor(method, pathname, contentType);
  const { doc, validator } = contract();
  let response = op.responses[String(status)] ?? op.responses.default;
  if (!response && op.undocumented)
    return [
      `${op.name} ${status}: undocumented route (the OpenAPI file has no ${method} ${pathname}: 404 or 405 only)`,
    ];
  if (!response)
    return [`${op.name}: status ${status} is not in the contract (${Object.keys(op.responses).join(', ')})`];
  const refName = response.$ref?.replace('#/components/responses/', '');
  if (refName) response = doc.components.responses[refName];
  const media = mediaOf(contentType);
  // A form post refused for a browser: the store answers with a page (the status is still checked above).
  if (op.htmlRefusals && status >= 400 && media === 'text/html') return [];
  if (!response.content) return body ? [`${op.name} ${status}: the contract gives this answer no body`] : [];
  const content = response.content[media];
  if (!content)
    return [`${op.name} ${status}: content-type "${media}" is not ${Object.keys(response.content).join(' or ')}`];
  if (!content.schema) return [];
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return [`${op.name} ${status}: the body is not JSON: ${body.slice(0, 80)}`];
  }
  const validate = validator(`${op.name} ${status} ${media}`, content.schema);
  if (validate(value)) return [];
  return validate.errors.map((e) => `${op.name} ${status}: ${e.instancePath || '(body)'} ${e.message}${paramsOf(e)}`);
}

function paramsOf(error) {
  const p = error.params ?? {};
  if (p.additionalProperty) return ` (${p.additionalProperty})`;
  if (p.allowedValues) return ` (${p.allowedValues.join(', ')})`;
  if (p.allowedValue !== undefined) return ` (${JSON.stringify(p.allowedValue)})`;
  return '';
}

/**
 * Holds `response`'s answer to `request` until its last byte, checks it, and sends it only if it keeps the
 * contract; otherwise `report(problems)` and the client gets `500 contract-violation` naming them. Pages and
 * files the contract need not describe pass straight through (decided when their head is written).
 * `onChecked()` runs once an answer has been checked.
 */
export function guardAnswer(request, response, { report, onChecked = () => {} }) {
  if (request.method === 'HEAD') return;
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const { writeHead, write, end } = response;
  const release = () => {
    delete response.writeHead;
    delete response.write;
    delete response.end;
  };
  let head; // [status, ...rest] once written and held
  const chunks = [];
  const keep = (chunk, encoding) => {
    if (chunk != null && typeof chunk !== 'function')
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'),
      );
  };
  const contentTypeOf = (rest) => {
    // Headers given to writeHead() are not in getHeader().
    const headers = rest.find((x) => typeof x === 'object' && x !== null);
    const given = headers && Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
    return String(given ? given[1] : (response.getHeader('content-type') ?? ''));
  };
  response.writeHead = function (status, ...rest) {
    if (!coversAnswer(request.method, pathname, contentTypeOf(rest))) {
      release();
      return writeHead.call(this, status, ...rest);
    }
    head = [status, ...rest];
    this.statusCode = status;
    return this;
  };
  response.write = function (chunk, encoding, callback) {
    if (!head) this.writeHead(this.statusCode);
    if (!head) return write.call(this, chunk, encoding, callback);
    keep(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
  response.end = function (chunk, encoding, callback) {
    if (!head) this.writeHead(this.statusCode);
    if (!head) return end.call(this, chunk, encoding, callback);
    keep(chunk, encoding);
    const done = [chunk, encoding, callback].find((x) => typeof x === 'function');
    release();
    const [status, ...rest] = head;
    const body = Buffer.concat(chunks);
    let problems;
    try {
      problems = checkAnswer({
        method: request.method,
        pathname,
        status,
        contentType: contentTypeOf(rest),
        body: body.toString('utf8'),
      });
    } catch (error) {
      problems = [`${request.method} ${pathname}: the check itself failed: ${error.message}`];
    }
    onChecked();
    if (!problems.length) {
      writeHead.call(this, status, ...rest);
      return end.call(this, body, done);
    }
    report(problems);
    writeHead.call(this, 500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    const message = `The answer broke docs/merchant-api.openapi.yaml: ${problems.join('; ')}`;
    return end.call(this, JSON.stringify({ error: { code: 'contract-violation', message } }), done);
  };
}

// One subscriber for the process; each watcher gets the answers of the server on its port (or, in a spawned
// store, `everything` gets all of them).
const watchers = new Map();
let everything;
let subscribed = false;

function onRequest({ request, response }) {
  const watcher = everything ?? watchers.get(request.socket?.localPort);
  if (watcher) guardAnswer(request, response, watcher);
}

function subscribe() {
  if (!subscribed) dc.subscribe('http.server.request.start', onRequest);
  subscribed = true;
}

/**
 * Checks every answer the HTTP server of this process listening on `port` gives from now on (a demo store
 * started with `startServer`). `assertKept()` throws, listing them, if any answer broke the contract.
 */
export function watchAnswers(port) {
  subscribe();
  const watcher = {
    checked: 0,
    violations: [],
    report: (problems) => watcher.violations.push(...problems),
    onChecked: () => watcher.checked++,
    stop() {
      if (watchers.get(port) === watcher) watchers.delete(port);
    },
    assertKept() {
      if (watcher.violations.length)
        throw new Error(
          `the demo store broke docs/merchant-api.openapi.yaml ${watcher.violations.length} time(s):\n  ` +
            [...new Set(watcher.violations)].join('\n  '),
        );
    },
  };
  watchers.set(port, watcher);
  return watcher;
}

/**
 * Checks every answer of every HTTP server in this process: a spawned demo store's own check
 * (FENQI_CONTRACT_CHECK=1), which writes each problem to `report` as one line starting with VIOLATION_PREFIX.
 */
export function checkEveryAnswer(report = (line) => process.stderr.write(`${line}\n`)) {
  contract(); // a missing or unreadable file stops the store at start, not at its first answer
  subscribe();
  everything = { report: (problems) => problems.forEach((p) => report(`${VIOLATION_PREFIX}${p}`)) };
}
