/**
 * Who the shopper is: a signed session cookie (HMAC-SHA-256), HttpOnly and SameSite=Lax, naming the shopper and
 * when the session began. The key is SESSION_SECRET when set, else one made by the first server and kept in the
 * database, so every server process accepts every other's cookies. The same key, under other labels, signs the
 * HTML forms' CSRF tokens and keys the HMACs that verification codes are stored as.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from './db.js';

export const SESSION_COOKIE = 'fenqi_session';
/** How long a session lasts from sign-in. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

export interface Session {
  shopperId: string;
  /** The cookie's value: what the CSRF token is bound to. */
  value: string;
}

/** The key from SESSION_SECRET, or the one in the database (made now if there is none yet). */
export async function loadSecret(db: Database, fromEnv: string | undefined): Promise<Buffer> {
  if (fromEnv !== undefined) {
    if (fromEnv.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    return Buffer.from(fromEnv, 'utf8');
  }
  return db.transaction(async (sql) => {
    await sql.query("INSERT INTO secrets (name, value) VALUES ('session', $1) ON CONFLICT (name) DO NOTHING", [
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await sql.query<{ value: string }>("SELECT value FROM secrets WHERE name = 'session'");
    return Buffer.from(rows[0]!.value, 'base64url');
  });
}

function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

const SHOPPER_ID = /^[a-z0-9-]{1,64}$/;

export function sessions(secret: Buffer, { secure, now = Date.now }: { secure: boolean; now?: () => number }) {
  /** HMAC-SHA-256 of `label|text` under the key: the labels keep cookies, tokens and codes apart. */
  const mac = (label: string, text: string) => createHmac('sha256', secret).update(`${label}|${text}`).digest();
  const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

  return {
    mac,
    equal,

    /** The session the request's cookie proves, or null (none, forged, altered or expired). */
    read(req: IncomingMessage): Session | null {
      const value = cookies(req).get(SESSION_COOKIE);
      const parts = value?.split('.');
      if (!value || parts?.length !== 4 || parts[0] !== 'v1') return null;
      const [, shopperId, issued, signature] = parts as [string, string, string, string];
      if (!SHOPPER_ID.test(shopperId) || !/^\d{1,12}$/.test(issued)) return null;
      if (!equal(Buffer.from(signature, 'base64url'), mac('session', `v1.${shopperId}.${issued}`))) return null;
      const age = now() / 1000 - Number(issued);
      if (age < -60 || age > SESSION_MAX_AGE_S) return null;
      return { shopperId, value };
    },

    /** A new session for `shopperId`: the session and the `Set-Cookie` header that starts it. */
    start(shopperId: string): { session: Session; setCookie: string } {
      const body = `v1.${shopperId}.${Math.floor(now() / 1000)}`;
      const value = `${body}.${mac('session', body).toString('base64url')}`;
      const setCookie =
        `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_S}` +
        (secure ? '; Secure' : '');
      return { session: { shopperId, value }, setCookie };
    },

    /** The CSRF token an HTML form of this session carries. */
    csrfToken: (session: Session) => mac('csrf', session.value).toString('base64url'),

    checkCsrf: (session: Session, token: string | undefined) =>
      typeof token === 'string' && equal(Buffer.from(token, 'base64url'), mac('csrf', session.value)),
  };
}

export type Sessions = ReturnType<typeof sessions>;
