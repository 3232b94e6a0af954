import { STARTER_CONFIG } from 'fenqi/domain';
import { PlanSelector } from 'fenqi/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const PRICE_FEN = 599900;

function Checkout() {
  const [quantity, setQuantity] = useState(1);
  const [chosen, setChosen] = useState('');
  const [submitted, setSubmitted] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // The selector is a form field: the form data holds plan=provider:term.
        setSubmitted(JSON.stringify(Object.fromEntries(new FormData(event.currentTarget))));
      }}
    >
      <h1>小米 14 · ¥5,999.00</h1>
      <label>
        数量{' '}
        <input
          id="quantity"
          name="quantity"
          type="number"
          min={1}
          value={quantity}
          onChange={(event) => setQuantity(event.target.valueAsNumber || 1)}
        />
      </label>
      <PlanSelector
        name="plan"
        required
        config={STARTER_CONFIG}
        amountFen={PRICE_FEN * quantity}
        onPlanChange={(event) => setChosen(event.detail.value)}
      />
      <p>
        已选：<output id="chosen">{chosen}</output>
      </p>
      <button type="submit">提交订单</button>
      <output id="submitted">{submitted}</output>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Checkout />
  </StrictMode>,
);
