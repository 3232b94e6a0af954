/**
 * The export file and its checks. An import is parsed and checked in full before anything is written, then
 * written in one transaction (snapshot.ts `restore`): all of it or none of it.
 *
 * { "fenqi": "backup", "version": 1, "exportedAt": "…", "settings": {…},
 *   "sites": [{ origin, billsPath, enabled, name? }],
 *   "plans": [{ …plan as a store announced it, origin, archived, seenAt }] }
 * Derived fields (next due date) are recomputed on import; sent reminders are not exported.
 */
import { isBillsPath, storeOrigin } from '../../shared/deep-link.js';
import { parsePlan } from '../../shared/plan.js';
import { bool, list, record, text } from '../../shared/checks.js';
import { displayText, STORE_NAME_CHARS } from '../../shared/display-text.js';
import { invalid, parsed, type Parsed } from '../../shared/validate.js';
import { checkSettings, DEFAULT_SETTINGS, type Settings } from '../contracts.js';
import { toStored } from './plans.js';
import type { Site, StoredPlan } from './schema.js';
import { MAX_PLANS, MAX_PLANS_PER_SITE, siteOf } from './site.js';
import type { Snapshot } from './snapshot.js';

export const BACKUP_VERSION = 1;
/** A backup larger than this is refused before parsing. */
export const MAX_BACKUP_CHARS = 64 * 1024 * 1024;

export function toBackup(data: Snapshot, now = new Date()): string {
  return JSON.stringify({ fenqi: 'backup', version: BACKUP_VERSION, exportedAt: now.toISOString(), ...data }, null, 1);
}

function origin(value: unknown, path: string): string {
  return storeOrigin(value) ?? invalid(path, 'expected an https (or loopback http) origin');
}

function site(value: unknown, path: string): Site {
  const o = record(value, path);
  if (o.billsPath !== null && !isBillsPath(o.billsPath))
    invalid(`${path}.billsPath`, 'expected a path starting with /');
  // A store's name (optional) is page-given text: cleaned as when its page announced it.
  const name = o.name === undefined ? '' : displayText(text(o.name, `${path}.name`), STORE_NAME_CHARS, '');
  return {
    origin: origin(o.origin, `${path}.origin`),
    billsPath: o.billsPath,
    enabled: bool(o.enabled, `${path}.enabled`),
    ...(name ? { name } : {}),
  };
}

function plan(value: unknown, path: string): StoredPlan {
  const o = record(value, path);
  const at = origin(o.origin, `${path}.origin`);
  const archived = bool(o.archived, `${path}.archived`);
  if (typeof o.seenAt !== 'number' || !Number.isSafeInteger(o.seenAt) || o.seenAt < 0)
    invalid(`${path}.seenAt`, 'expected a time in ms');
  return toStored(at, parsePlan(value, path), archived, o.seenAt);
}

/** Parses and checks a backup file in full; nothing is written here. */
export function parseBackup(json: string): Parsed<Snapshot> {
  return parsed(() => {
    if (json.length > MAX_BACKUP_CHARS) invalid('file', 'too large');
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      invalid('file', 'not JSON');
    }
    const o = record(data, 'file');
    if (o.fenqi !== 'backup' || o.version !== BACKUP_VERSION)
      invalid('file', `not a fenqi backup, version ${BACKUP_VERSION}`);
    const settings: Settings = { ...DEFAULT_SETTINGS, ...checkSettings(o.settings) };
    const sites = list(o.sites, 'sites').map((s, i) => site(s, `sites[${i}]`));
    if (new Set(sites.map((s) => s.origin)).size !== sites.length) invalid('sites', 'an origin repeats');
    const plans = list(o.plans, 'plans').map((p, i) => plan(p, `plans[${i}]`));
    if (plans.length > MAX_PLANS) invalid('plans', `more than ${MAX_PLANS} plans`);
    const perOrigin = new Map<string, Set<string>>();
    const perSite = new Map<string, number>();
    const switchedOff = new Set(sites.filter((s) => !s.enabled).map((s) => s.origin));
    plans.forEach((p, i) => {
      const ids = perOrigin.get(p.origin) ?? new Set();
      if (ids.has(p.id)) invalid(`plans[${i}].id`, 'a plan repeats');
      ids.add(p.id);
      perOrigin.set(p.origin, ids);
      const site = siteOf(p.origin);
      perSite.set(site, (perSite.get(site) ?? 0) + 1);
      if (perSite.get(site)! > MAX_PLANS_PER_SITE)
        invalid('plans', `more than ${MAX_PLANS_PER_SITE} plans for ${site}`);
      // The file's own switches hold: a switched-off site has no plans (switching it off deleted them).
      if (switchedOff.has(p.origin) || switchedOff.has(site))
        invalid(`plans[${i}].origin`, `${p.origin} is switched off in this file`);
    });
    const siteOrigins = new Set(sites.map((s) => s.origin));
    for (const origin of perOrigin.keys()) if (!siteOrigins.has(origin)) invalid('plans', `no site for ${origin}`);
    return { settings, sites, plans };
  }, 'not a fenqi backup');
}
