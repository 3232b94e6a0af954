// Lines that must not type-check: proof that the package's types are real (not `any`). Not built.
import 'fenqi';

const selector = document.createElement('fenqi-plan-selector');
// @ts-expect-error amountFen is a number, a string or null
selector.amountFen = {};
selector.addEventListener('fenqi-plan-change', (event) => {
  // @ts-expect-error a plan change has no amount
  console.log(event.detail.amount);
});
document.querySelector('fenqi-bill-panel')?.addEventListener('fenqi-repaid', (event) => {
  // @ts-expect-error a repayment's detail is { plan, repayment }
  console.log(event.detail.value);
});
