/**
 * The package's `fenqi/react` entry: both components as React 19 components whose events are `onX` props
 * (`<PlanSelector amountFen={total} onPlanChange={(e) => setPlan(e.detail.value)} />`). Each component defines
 * its element when its module is imported: an app that imports only `PlanSelector` never loads the bill panel.
 * React (19 or later) is an optional peer dependency, needed only by this entry.
 */
export { PlanSelector, type PlanSelectorProps } from './plan-selector.js';
export { BillPanel, type BillPanelProps } from './bill-panel.js';
