/**
 * The bill panel's REST adapter: the merchant API routes (docs/merchant-api.md) under the `api` attribute's
 * URL. The contract itself (bodies, answers, the adapter interface and the checks every answer passes) lives
 * in shared/merchant-api.ts, which the demo store answers with too.
 */
import { MerchantApiError, toApiError, type FenqiMerchantAdapter } from '../../shared/merchant-api.js';

/** The `api` attribute's adapter: the REST routes under `base`, with the page's own cookies. */
export function restAdapter(base: string): FenqiMerchantAdapter {
  const root = base.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new MerchantApiError('network', error instanceof Error ? error.message : String(error));
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new MerchantApiError(
        response.ok ? 'bad-response' : `http-${response.status}`,
        `HTTP ${response.status}: not JSON`,
      );
    }
    // 409 with a challenge is an answer, not a failure: the caller asks for the code and tries again.
    if (response.ok || (response.status === 409 && typeof json === 'object' && json !== null && 'verification' in json))
      return json;
    const error = toApiError(json);
    throw error.code === 'failed' ? new MerchantApiError(`http-${response.status}`, `HTTP ${response.status}`) : error;
  }
  const plan = (id: string) => `/plans/${encodeURIComponent(id)}`;
  return {
    getPlans: () => call('GET', '/plans'),
    getPaymentMethods: () => call('GET', '/payment-methods'),
    repay: (id, body) => call('POST', `${plan(id)}/repayments`, body),
    setPreferredMethod: (id, body) => call('PUT', `${plan(id)}/preferred-method`, body),
  };
}
