/**
 * The bill panel's REST adapter: the merchant API routes (docs/merchant-api.md) under the `api` attribute's
 * URL. The contract itself (bodies, answers, the adapter interface and the checks every answer passes) lives
 * in shared/merchant-api.ts, which the demo store answers with too.
 */
import type { Locale } from '../../shared/format.js';
import { MerchantApiError, toApiError, type FenqiMerchantAdapter } from '../../shared/merchant-api.js';

/**
 * The `api` attribute's adapter: the REST routes under `base`, with the page's own cookies; a request with no
 * answer after `timeout` ms is abandoned (`timeout`). A 5xx is `server-error` whatever its body says: the
 * merchant did not refuse, it failed, and what it did is unknown.
 */
export function restAdapter(base: string, timeout: number): FenqiMerchantAdapter {
  const root = base.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const failed = (error: unknown) =>
      new MerchantApiError(
        error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'network',
        String(error),
      );
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
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      throw failed(error);
    }
    const status = response.status;
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (error instanceof DOMException) throw failed(error);
      throw new MerchantApiError(
        status >= 500 ? 'server-error' : response.ok ? 'bad-response' : `http-${status}`,
        `HTTP ${status}: not JSON`,
      );
    }
    if (status >= 500) throw new MerchantApiError('server-error', `HTTP ${status}: ${toApiError(json).message}`);
    // 409 with a challenge is an answer, not a failure: the caller asks for the code and tries again.
    if (response.ok || (status === 409 && typeof json === 'object' && json !== null && 'verification' in json))
      return json;
    const error = toApiError(json);
    throw error.code === 'failed' ? new MerchantApiError(`http-${status}`, `HTTP ${status}`) : error;
  }
  const plan = (id: string) => `/plans/${encodeURIComponent(id)}`;
  return {
    getPlans: () => call('GET', '/plans'),
    getPaymentMethods: () => call('GET', '/payment-methods'),
    repay: (id, body) => call('POST', `${plan(id)}/repayments`, body),
    setPreferredMethod: (id, body) => call('PUT', `${plan(id)}/preferred-method`, body),
  };
}

/**
 * The reason a merchant gave for a declined payment ("余额不足"), if it can be shown on a page in `locale`:
 * without its own "支付被拒绝：" / "Payment declined:" (the panel says declined once), short, and in the page's
 * language (no Chinese on an English page, no English words on a Chinese one); '' otherwise.
 */
export function declineReason(message: string, locale: Locale): string {
  const reason = message
    .replace(/^\s*(支付被拒绝|支付失败|(the )?payment (was )?declined)[\s:：,，.。]*/i, '')
    .replace(/[\s.。!！]+$/, '');
  const han = /\p{Script=Han}/u.test(reason);
  const fits = locale === 'zh-CN' ? han && !/[A-Za-z]{3}/.test(reason) : !han;
  return fits && reason.length <= 40 ? reason : '';
}
