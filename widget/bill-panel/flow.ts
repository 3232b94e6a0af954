/**
 * What the repay and payment-method flows need from the panel that hosts them. Each flow is a plain object
 * the panel owns: it keeps its dialog's state and template and asks the panel to update when the state
 * changes; the panel owns the plans, the API and the words.
 */
import type { TemplateResult } from 'lit/html.js';
import type { FenqiElement } from '../internal/element.js';
import type { Fen, IsoDate, PaymentMethod, Plan } from '../../shared/plan.js';
import type { BillPanelMessages } from './bill-panel.messages.js';
import {
  MerchantApiError,
  type FenqiMerchantAdapter,
  type Repayment,
  type VerificationChallenge,
} from '../../shared/merchant-api.js';

/** A message on the panel itself, above the plans: an error (role alert) or news (`info`, role status). */
export interface Notice {
  text: TemplateResult | string;
  info?: boolean;
}

export interface FlowHost extends HTMLElement, Pick<FenqiElement, 'requestUpdate' | 'updateComplete'> {
  readonly text: BillPanelMessages;
  readonly day: IsoDate;
  /** The merchant API; every call ends within the panel's timeout (`timeout` error). */
  readonly merchant: FenqiMerchantAdapter;
  money(fen: Fen): TemplateResult;
  date(iso: IsoDate): string;
  methodLabel(method: PaymentMethod): string;
  /** The shopper's payment methods, fetched once per panel load. */
  paymentMethods(): Promise<PaymentMethod[]>;
  /** A failure as a sentence for the shopper, in their language (the technical detail goes to the console). */
  reason(error: unknown): string;
  /** Loads the plans again without leaving the list (and the open dialog): the merchant's truth after a doubt. */
  reread(): Promise<Plan[]>;
  /** Shows a plan as the merchant now gives it (and its business date), without saying anything happened. */
  showPlan(plan: Plan, asOf?: IsoDate): void;
  /** Says something on the panel itself: how a flow whose dialog was closed ended. */
  notify(notice: Notice | null): void;
  /** Tells the page (`fenqi-error`) and the console about a failure the shopper is being shown. */
  reportError(code: string, message: string): void;
  /** A flow changed a plan: show it, announce it, tell the page. */
  planChanged(plan: Plan, change: { repayment: Repayment } | { method: PaymentMethod }): void;
  verificationRequested(plan: Plan, challenge: VerificationChallenge): void;
  /** The flow's dialog is on screen (the browser's Back will close it). */
  dialogShown(): void;
  /** The flow's dialog closed: give focus back and forget the deep link. */
  flowClosed(): void;
}

/** What both flows share: a state machine of dialog steps whose every change re-renders the host. */
export abstract class DialogFlow<State extends { step: string }> {
  // Lit calls event listeners with `this` set to the host element, so the flows' listeners are arrow functions.
  state: State;

  constructor(
    protected readonly host: FlowHost,
    closed: State,
  ) {
    this.state = closed;
  }

  get open(): boolean {
    return this.state.step !== 'closed';
  }

  protected set(next: State): void {
    this.state = next;
    this.host.requestUpdate();
  }
}

/** A request id for one repayment attempt: retries of the same attempt reuse it, so the merchant charges once. */
export function requestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `promise`, or a `timeout` MerchantApiError once `ms` have passed without an answer. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MerchantApiError('timeout', `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Opens `dialog` as a modal once it is rendered; showModal makes the rest of the page inert (the focus trap). */
export async function showModal(host: FlowHost, selector: string): Promise<void> {
  await host.updateComplete;
  const dialog = host.shadowRoot?.querySelector<HTMLDialogElement>(selector);
  if (dialog && !dialog.open) {
    dialog.showModal();
    host.dialogShown();
  }
}
