/**
 * Opens a store's repay or payment-method flow in a new tab: the store's bills page with the deep link
 * (shared/deep-link.ts) that makes its `<fenqi-bill-panel>` open the flow. The request names a stored plan;
 * the URL is built here from that plan's stored origin and its site's learned bills path, never from anything
 * the request carries.
 */
import { flowUrl, isBillsPath, isFlow, storeOrigin } from '../../shared/deep-link.js';
import type { Opened } from '../contracts.js';
import { browser, type Tabs } from '../platform/browser.js';
import { getPlan } from '../storage/plans.js';
import { getSite } from '../storage/sites.js';

export async function openStoreFlow(origin: unknown, planId: unknown, flow: unknown): Promise<Opened> {
  if (typeof origin !== 'string' || typeof planId !== 'string' || !isFlow(flow)) {
    return { ok: false, reason: 'bad request' };
  }
  const plan = await getPlan(origin, planId);
  if (!plan) return { ok: false, reason: 'no such plan' };
  const site = await getSite(plan.origin);
  const url = site?.enabled && site.billsPath ? flowUrl(plan.origin, site.billsPath, flow, plan.id) : undefined;
  if (!url) return { ok: false, reason: 'no bills page known for this site' };
  const open = await billsTab(plan.origin, site!.billsPath!);
  if (open?.id !== undefined) {
    // The store's bills page is already open: bring it forward and let its panel open the flow (a hash change).
    await browser.tabs.update(open.id, { url, active: true });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
  } else await browser.tabs.create({ url });
  return { ok: true, url };
}

/** A tab showing `origin`'s bills page, as its content script reports; undefined when none is open. */
async function billsTab(origin: string, billsPath: string): Promise<Tabs.Tab | undefined> {
  const tabs = await browser.tabs.query({});
  const places = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : (browser.tabs.sendMessage(tab.id, { fenqi: 'where' }) as Promise<{ origin?: unknown; path?: unknown }>).catch(
            () => undefined,
          ),
    ),
  );
  return tabs.find((_, i) => places[i]?.origin === origin && places[i]?.path === billsPath);
}

/**
 * Opens a store's bills page itself (no flow): for a notification about several plans, all listed there. Built
 * from the stored origin and its learned bills path, like the flows.
 */
export async function openBillsPage(origin: string): Promise<Opened> {
  const site = await getSite(origin);
  if (!storeOrigin(origin) || !site?.enabled || !isBillsPath(site.billsPath)) {
    return { ok: false, reason: 'no bills page known for this site' };
  }
  const url = new URL(site.billsPath, origin);
  if (url.origin !== origin) return { ok: false, reason: 'no bills page known for this site' };
  await browser.tabs.create({ url: url.href });
  return { ok: true, url: url.href };
}
