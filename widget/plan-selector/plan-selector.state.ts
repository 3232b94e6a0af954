/**
 * What the plan selector shows, computed from its inputs with no DOM and no Lit: which config and amount it
 * prices, every provider's terms with their quotes or why they cannot be chosen, the suggested plan, and
 * whether the shopper's (or the page's) choice can be submitted. The component keeps the templates, the
 * events and the form; it calls these functions and caches what they return.
 */
import {
  type ConfigResult,
  type MerchantConfig,
  type Provider,
  providerAccepts,
  quoteProvider,
} from '../../shared/config.js';
import { isIsoDate } from '../../shared/dates.js';
import { MAX_FEN } from '../../shared/limits.js';
import { parseYuan } from '../../shared/money.js';
import type { Fen, IsoDate } from '../../shared/plan.js';
import type { QuoteResult } from '../../shared/quote.js';

/** Something the page set that the selector cannot use; shown as the error state and sent with `fenqi-error`. */
export interface Failure {
  kind: 'error';
  /** One of the codes `fenqi-error` documents (`invalid-amount`, `unknown-plan` …). */
  code: string;
  /** What is wrong, in English, for the merchant's developers. */
  message: string;
}

/** Nothing to show yet: the config is being fetched, or the page has not set an amount. */
export interface Waiting {
  kind: 'waiting';
}

/** A config fetched from `config-src`, or why it could not be used. */
export type Fetched = { src: string; config: MerchantConfig } | ({ src: string } & Failure);

/** The selector's inputs as the page set them (the component passes itself). */
export interface PageInputs {
  configSrc: string;
  amount: string;
  amountFen: string | number | null;
  currency: string;
  purchaseDate: string;
}

/** The inputs, checked: what to quote. */
export interface Priced {
  config: MerchantConfig;
  fen: Fen;
  currency: string;
  date: IsoDate;
}

/** Why a term cannot be chosen for this amount. */
export type DisabledReason =
  | { kind: 'below-min'; limit: Fen }
  | { kind: 'above-max'; limit: Fen }
  /** The amount has fewer fen than the term has periods. */
  | { kind: 'too-small' };

/** What a term's card says about its periods. */
export interface Periods {
  /** The first period's total. */
  first: Fen;
  /** Every period but the last (which takes the odd fen) is `first`: "× n" rather than "first period". */
  even: boolean;
  /** When `even`, the last period's total where it is not `first` (the odd fen): "¥537.40 × 11期 + ¥537.53"; else null. */
  last: Fen | null;
  /** The fee each period, when there is one and it is the same every period but the last; else null. */
  fee: Fen | null;
}

/** One term of one provider: its quote, or why it cannot be chosen. */
export interface TermOffer {
  /** The provider's id. */
  provider: string;
  term: number;
  /** Null when the term is disabled. */
  quote: QuoteResult | null;
  periods: Periods | null;
  /** Interest-free: by the provider's fee model or its promotion. */
  free: boolean;
  reason: DisabledReason | null;
}

export interface ProviderOffer {
  provider: Provider;
  terms: TermOffer[];
  /** The plan the summary previews while this provider is shown and nothing is chosen. */
  pick: TermOffer | undefined;
}

/** Every provider's terms for one amount and date. */
export interface Offer {
  providers: ProviderOffer[];
  /** The suggested plan: the merchant's `suggested` term (of the first provider that has one), else the cheapest. */
  suggested?: TermOffer | undefined;
}

/** The shopper's choice as the selector shows it. */
export interface Selection {
  /** The provider whose terms are shown: the chosen one, else the first. */
  shown: ProviderOffer;
  /** The chosen term, when it can be submitted. */
  chosen: TermOffer | null;
  /** The form value: `provider:term`, or "" while no term that can be submitted is chosen. */
  value: string;
}

export const fail = (code: string, message: string): Failure => ({ kind: 'error', code, message });

export function invalidConfig(where: string, errors: ReadonlyArray<{ path: string; reason: string }>): Failure {
  return fail(
    'invalid-config',
    `${where} is not a valid merchant config: ${errors.map((e) => `${e.path} ${e.reason}`).join('; ')}`,
  );
}

// Strict where Lit's Number converter is lenient: "0x10", "1e3", " 100 " and "-1" are not amounts.
const WHOLE_FEN = /^[1-9]\d{0,12}$/;

/**
 * Checks the inputs in the order the page is told about them: config, amount, currency, purchase date.
 * `validated` is the `config` property, validated (null when the page did not set it); `fetched` is the last
 * config fetched from a `config-src`; `today` is the shopper's calendar date, the default purchase date.
 */
export function checkInputs(
  input: PageInputs,
  validated: ConfigResult | null,
  fetched: Fetched | null,
  today: IsoDate,
): Priced | Waiting | Failure {
  // 1. The config: the property, else the fetched config-src, else wait for one. Neither: wait, as for an unset
  // amount (a framework may set the property later). Never plans the store did not configure: their rates would
  // not be the ones its server charges.
  let config: MerchantConfig;
  if (validated) {
    if (!validated.ok) return invalidConfig('config', validated.errors);
    config = validated.config;
  } else {
    if (!input.configSrc || fetched?.src !== input.configSrc) return { kind: 'waiting' };
    if (!('config' in fetched)) return fetched;
    config = fetched.config;
  }

  // 2. The amount, strictly: amount-fen wins; an empty amount is one the page has not set yet.
  const raw = input.amountFen;
  let fen: Fen;
  if (raw != null && raw !== '') {
    fen = typeof raw === 'number' ? raw : WHOLE_FEN.test(raw) ? +raw : NaN;
    if (!(Number.isSafeInteger(fen) && fen > 0 && fen <= MAX_FEN)) {
      return fail('invalid-amount', `amount-fen "${raw}" must be a whole number from 1 to ${MAX_FEN}`);
    }
  } else if (!input.amount) {
    return { kind: 'waiting' };
  } else {
    const parsed = parseYuan(input.amount);
    if (!parsed.ok) return fail('invalid-amount', `amount ${parsed.reason}`);
    if (!parsed.fen) return fail('invalid-amount', 'amount must be more than 0');
    fen = parsed.fen;
  }

  const currency = input.currency || config.currency;
  if (currency !== config.currency) {
    return fail('invalid-currency', `currency "${currency}" is not the config's (${config.currency})`);
  }
  const date = input.purchaseDate || today;
  if (!isIsoDate(date))
    return fail('invalid-date', `purchase-date "${date}" must be a calendar date written YYYY-MM-DD`);
  return { config, fen, currency, date };
}

/** Quotes every term of every provider for `fen` bought on `date`, and picks the suggested plan. */
export function quoteOffer(config: MerchantConfig, fen: Fen, date: IsoDate): Offer {
  const cheaper = (a: TermOffer | undefined, b: TermOffer) =>
    a && a.quote!.totalRepayment <= b.quote!.totalRepayment ? a : b;
  let merchants: TermOffer | undefined;
  let cheapest: TermOffer | undefined;
  const providers = config.providers.map((provider): ProviderOffer => {
    const accepts = providerAccepts(provider, fen);
    let own: TermOffer | undefined;
    let low: TermOffer | undefined;
    const terms = provider.terms.map((term): TermOffer => {
      const reason: DisabledReason | null = !accepts
        ? fen < provider.min
          ? { kind: 'below-min', limit: provider.min }
          : { kind: 'above-max', limit: provider.max }
        : fen < term
          ? { kind: 'too-small' }
          : null;
      const quote = reason ? null : quoteProvider(provider, term, fen, date);
      const free = provider.fee.model === 'interest-free' || !!provider.promo?.interestFreeTerms.includes(term);
      const offer: TermOffer = { provider: provider.id, term, quote, periods: quote && periods(quote), free, reason };
      if (quote) {
        if (provider.suggestedTerm === term) own = offer;
        low = cheaper(low, offer);
      }
      return offer;
    });
    merchants ??= own;
    if (low) cheapest = cheaper(cheapest, low);
    // Each provider previews its own suggestion: the merchant's term, else its cheapest plan.
    return { provider, terms, pick: own ?? low };
  });
  return { providers, suggested: merchants ?? cheapest };
}

/**
 * "× n" and "fee / period" only where every period but the last (which takes the odd fen) is the same:
 * 等额本金 says "first period" instead, and 等额本息's falling interest is left to the schedule.
 */
function periods(quote: QuoteResult): Periods {
  const [first, ...middle] = quote.installments;
  const last = middle.pop()?.total;
  const same = (key: 'total' | 'fee') => middle.every((it) => it[key] === first![key]);
  const even = same('total');
  return {
    first: first!.total,
    even,
    last: even && last !== first!.total ? (last ?? null) : null,
    fee: first!.fee && same('fee') ? first!.fee : null,
  };
}

/** The term of `provider` in the offer, chosen or not. */
export function findTerm(offer: Offer, provider: string, term: number): TermOffer | undefined {
  return offer.providers.find((p) => p.provider.id === provider)?.terms.find((t) => t.term === term);
}

/**
 * Checks a choice against the offer. The page's `value` (`requested`) must name a plan the store offers,
 * though it may be disabled for this amount; a shopper's choice from an earlier config whose provider is gone
 * is dropped for the suggested provider, with no term.
 */
export function checkChoice(
  offer: Offer,
  requested: string,
  provider: string,
  term: number,
): { provider: string; term: number } | Failure {
  if (requested && !findTerm(offer, provider, term)) {
    return fail('unknown-plan', `value "${requested}" is not a provider:term this store offers`);
  }
  if (!offer.providers.some((p) => p.provider.id === provider))
    return { provider: offer.suggested?.provider ?? '', term: 0 };
  return { provider, term };
}

/** What the selector shows for a choice of `provider` and `term` (0: none) in a non-empty offer. */
export function selection(offer: Offer, provider: string, term: number): Selection {
  const shown = offer.providers.find((p) => p.provider.id === provider) ?? offer.providers[0]!;
  const found = findTerm(offer, provider, term);
  const chosen = found && !found.reason ? found : null;
  return { shown, chosen, value: chosen ? `${provider}:${term}` : '' };
}

/** The term kept when the shopper switches to `to`: the same term if `to` offers it for this amount, else none. */
export function keptTerm(to: ProviderOffer, term: number): number {
  return to.terms.some((t) => t.term === term && !t.reason) ? term : 0;
}
