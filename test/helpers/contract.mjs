// The merchant API's contract, docs/merchant-api.openapi.yaml, as a check on real answers: `checkAnswer` says
// what is wrong with one answer, `watchAnswers` checks every answer a demo store in this process gives while a
// test runs (the ones the browser fetches too), so the prose, the OpenAPI file and demo/ cannot drift apart.
import dc from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';

export const CONTRACT_FILE = resolve('docs/merchant-api.openapi.yaml');

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

/** The operation the contract has for this request, `null` for a path it says nothing about (pages, files). */
function operationFor(method, pathname) {
  const { doc, routes, apiBase } = contract();
  const route = routes.find((r) => r.pattern.test(pathname));
  const verb = method.toLowerCase();
  const op = route?.item[verb];
  if (op)
    return { name: `${method} ${route.path}`, responses: op.responses, htmlRefusals: op['x-fenqi-html-refusals'] };
  // A path or method the contract does not list, under the API's base or at a listed path: 404 or 405.
  if (route || pathname === apiBase || pathname.startsWith(`${apiBase}/`))
    return {
      name: `${method} ${pathname} (no such route)`,
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

/** Whether the contract speaks about answers to this request (HEAD answers have no body to check). */
export function coversRequest(method, pathname) {
  return method !== 'HEAD' && operationFor(method, pathname) !== null;
}

/**
 * What is wrong with one answer, by the contract: `[]` when it keeps it. `body` is the answer's text;
 * `contentType` its header. Requests the contract does not cover give `[]`.
 */
export function checkAnswer({ method, pathname, status, contentType = '', body = '' }) {
  const op = operationFor(method, pathname);
  if (!op || method === 'HEAD') return [];
  const { doc, validator } = contract();
  let response = op.responses[String(status)] ?? op.responses.default;
  if (!response)
    return [`${op.name}: status ${status} is not in the contract (${Object.keys(op.responses).join(', ')})`];
  const refName = response.$ref?.replace('#/components/responses/', '');
  if (refName) response = doc.components.responses[refName];
  const media = contentType.split(';')[0].trim().toLowerCase();
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

// One subscriber for the process; each watcher gets the answers of the server on its port.
const watchers = new Map();
let subscribed = false;

function onRequest({ request, response }) {
  const watcher = watchers.get(request.socket?.localPort);
  if (!watcher) return;
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (!coversRequest(request.method, pathname)) return;
  const chunks = [];
  const keep = (chunk, encoding) => {
    if (chunk != null && typeof chunk !== 'function')
      chunks.push(
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'),
      );
  };
  const { write, end, writeHead } = response;
  let contentType;
  // Headers given to writeHead() are not in getHeader(): keep the content type from them.
  response.writeHead = function (status, ...rest) {
    const headers = rest.find((x) => typeof x === 'object' && x !== null);
    const given = headers && Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
    if (given) contentType = String(given[1]);
    return writeHead.call(this, status, ...rest);
  };
  response.write = function (chunk, encoding, ...rest) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, ...rest);
  };
  response.end = function (chunk, encoding, ...rest) {
    keep(chunk, encoding);
    return end.call(this, chunk, encoding, ...rest);
  };
  response.once('finish', () => {
    watcher.checked++;
    const answer = {
      method: request.method,
      pathname,
      status: response.statusCode,
      contentType: contentType ?? String(response.getHeader('content-type') ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    // Never throw here: this runs inside the server's own event.
    try {
      for (const problem of checkAnswer(answer)) watcher.violations.push(problem);
    } catch (error) {
      watcher.violations.push(`${answer.method} ${pathname}: the check itself failed: ${error.message}`);
    }
  });
}

/**
 * Checks every answer the HTTP server of this process listening on `port` gives from now on (a demo store
 * started with `startServer`). `assertKept()` throws, listing them, if any answer broke the contract.
 */
export function watchAnswers(port) {
  if (!subscribed) {
    dc.subscribe('http.server.request.start', onRequest);
    subscribed = true;
  }
  const watcher = {
    checked: 0,
    violations: [],
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
