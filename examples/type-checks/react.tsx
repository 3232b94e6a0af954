// Lines that must not type-check: proof that the React components' types are real. Not built.
import { BillPanel, PlanSelector } from 'fenqi/react';

export const wrongEvent = (
  <PlanSelector
    // @ts-expect-error a plan change has no amount
    onPlanChange={(event) => console.log(event.detail.amount)}
  />
);
export const wrongProperty = (
  <BillPanel
    // @ts-expect-error the adapter is an object with the merchant API's methods
    adapter="/api"
  />
);
