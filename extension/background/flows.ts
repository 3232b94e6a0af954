/**
 * Opening a store's repay or payment-method flow. The request names a stored plan; the URL is built here from
 * that plan's stored origin and its site's learned bills path, never from anything the request carries.
 */
import { flowUrl, isFlow } from '../../shared/deep-link.js';
import { browser } from '../platform/browser.js';
import { getPlan, getSite } from '../storage/db.js';

export type Opened = { ok: true; url: string } | { ok: false; reason: string };

export async function openFlow(origin: unknown, planId: unknown, flow: unknown): Promise<Opened> {
  if (typeof origin !== 'string' || typeof planId !== 'string' || !isFlow(flow)) {
    return { ok: false, reason: 'bad request' };
  }
  const plan = await getPlan(origin, planId);
  if (!plan) return { ok: false, reason: 'no such plan' };
  const site = await getSite(plan.origin);
  const url = site?.enabled && site.billsPath ? flowUrl(plan.origin, site.billsPath, flow, plan.id) : undefined;
  if (!url) return { ok: false, reason: 'no bills page known for this site' };
  await browser.tabs.create({ url });
  return { ok: true, url };
}
