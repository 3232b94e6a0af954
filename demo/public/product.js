// The quantity changes the order total, and the selector re-quotes it in place (the server prices the order
// again from its own catalogue when the form is posted). A file, not an inline script: the store's CSP allows
// script only from the store itself.
const form = document.getElementById('checkout');
const UNIT_FEN = Number(form.dataset.unitFen);
const quantity = document.getElementById('quantity');
const total = document.getElementById('total');
const selector = form.querySelector('fenqi-plan-selector');
const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const money = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
quantity.addEventListener('input', () => {
  const count = Math.min(Number(quantity.max), Math.max(1, Math.trunc(Number(quantity.value)) || 1));
  selector.amount = yuan(UNIT_FEN * count);
  total.textContent = money.format((UNIT_FEN * count) / 100);
});
