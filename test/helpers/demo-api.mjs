// Calls to the demo store from a test, made the way a shopper's browser makes them: with the session cookie the
// store's page set, the store's own Origin on every change, and the page's CSRF token for its HTML forms.
import assert from 'node:assert/strict';

/**
 * Signs in at a demo store as its pages do (opening the product page signs in the first demo shopper; `as`
 * switches to another through the page's switch). Resolves with `{ shopperId, cookie, csrf, fetch }`, where
 * `fetch(path, init)` is `fetch` at the store with the session and, for a change, the store's Origin.
 */
export async function signIn(store, { as } = {}) {
  const page = await fetch(store.url);
  assert.equal(page.status, 200);
  let cookie = page.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie, 'the page signed the shopper in');
  let csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())[1];
  if (as) {
    const switched = await fetch(new URL('demo/shopper', store.url), {
      method: 'POST',
      headers: { cookie, origin: store.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, shopper: as, page: '/' }),
      redirect: 'manual',
    });
    assert.equal(switched.status, 303);
    cookie = switched.headers.get('set-cookie').split(';')[0];
    const again = await fetch(store.url, { headers: { cookie } });
    csrf = /name="csrf" value="([^"]+)"/.exec(await again.text())[1];
  }
  return {
    shopperId: as ?? 'shopper-1',
    cookie,
    csrf,
    fetch(path, init = {}) {
      const method = init.method ?? 'GET';
      const headers = { cookie, ...(method === 'GET' || method === 'HEAD' ? {} : { origin: store.origin }) };
      return fetch(new URL(path, store.url), { ...init, headers: { ...headers, ...init.headers } });
    },
  };
}

/** The plans the store serves its first demo shopper (the one its pages sign in). */
export async function servedPlans(store) {
  const shopper = await signIn(store);
  const answer = await shopper.fetch('api/plans');
  assert.equal(answer.status, 200);
  return (await answer.json()).plans;
}

/**
 * Repays at a demo store as the bill panel does, as the first demo shopper: the total the shopper would confirm
 * is the one the store answers with when asked to charge a figure it does not agree with (409 amount-changed,
 * nothing charged), then the repayment is sent again with that total. Resolves with the `{ plan, repayment }`.
 */
export async function repay(store, planId, body) {
  const shopper = await signIn(store);
  const post = (expectedTotal) =>
    shopper.fetch(`api/plans/${encodeURIComponent(planId)}/repayments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, expectedTotal }),
    });
  const asked = await post(0);
  const quoted = await asked.json();
  if (asked.status === 200) return quoted;
  assert.equal(asked.status, 409, JSON.stringify(quoted));
  assert.equal(quoted.error.code, 'amount-changed');
  const paid = await post(quoted.total);
  const answer = await paid.json();
  assert.equal(paid.status, 200, JSON.stringify(answer));
  return answer;
}
