/**
 * Small HTTP pieces of the demo store: errors that become `{ error: { code, message } }` answers, and
 * request bodies read with a size limit and a checked content type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bodies larger than this are refused before they are parsed: no route needs more. */
export const MAX_BODY_BYTES = 16 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function readRaw(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new HttpError(413, 'payload-too-large', `The body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, 'payload-too-large', `The body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The request's JSON body; 415 for another content type, 400 for text that is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    throw new HttpError(415, 'unsupported-media-type', 'Send the body as application/json');
  }
  const text = await readRaw(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-json', 'The body is not valid JSON');
  }
}

/** The request's form fields (`application/x-www-form-urlencoded`); a repeated field is refused. */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported-media-type', 'Send the form as application/x-www-form-urlencoded');
  }
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(await readRaw(req))) {
    if (fields.has(key)) throw new HttpError(400, 'invalid-request', `${key}: given more than once`);
    fields.set(key, value);
  }
  return fields;
}

/** A JSON body that must be an object with only the `allowed` keys. */
export function fields(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid-request', 'The body must be a JSON object');
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw new HttpError(400, 'invalid-request', `${key}: unknown field (allowed: ${allowed.join(', ')})`);
  }
  return body as Record<string, unknown>;
}
