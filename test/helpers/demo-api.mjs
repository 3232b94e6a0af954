// Calls to the demo store's merchant API from a test, made the way a shopper's page makes them.
import assert from 'node:assert/strict';

/**
 * Repays at a demo store as the bill panel does: the total the shopper would confirm is the one the store
 * answers with when asked to charge a figure it does not agree with (409 amount-changed, nothing charged),
 * then the repayment is sent again with that total. Resolves with the `{ plan, repayment }` answer.
 */
export async function repay(store, planId, body) {
  const post = (expectedTotal) =>
    fetch(new URL(`api/plans/${encodeURIComponent(planId)}/repayments`, store.url), {
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
