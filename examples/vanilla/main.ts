import 'fenqi';
import { STARTER_CONFIG } from 'fenqi/domain';

const PRICE_FEN = 599900;
const state = { quantity: 1 };

const form = document.querySelector('form')!;
const quantity = document.querySelector<HTMLInputElement>('#quantity')!;
// Typed by the package: a FenqiPlanSelector, whose events carry typed details.
const selector = document.querySelector('fenqi-plan-selector')!;

// The store's plans (docs/merchant-config.md): the package's starter config stands in for this store's own.
selector.config = STARTER_CONFIG;

function render(): void {
  selector.amountFen = PRICE_FEN * state.quantity;
}

quantity.addEventListener('input', () => {
  state.quantity = quantity.valueAsNumber || 1;
  render();
});
selector.addEventListener('fenqi-plan-change', (event) => {
  document.querySelector<HTMLOutputElement>('#chosen')!.value = event.detail.value;
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  // The selector is a form field: the form data holds plan=provider:term.
  document.querySelector<HTMLOutputElement>('#submitted')!.value = JSON.stringify(
    Object.fromEntries(new FormData(form)),
  );
});
render();
