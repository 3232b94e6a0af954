// The domain core shared by the widget, the extension and the demo store's server. Pure: importing it does
// nothing. (shared/validate.ts, the kit the validators below are written with, is internal.)
export * from './errors.js';
export * from './limits.js';
export * from './money.js';
export * from './format.js';
export * from './dates.js';
export * from './schedule.js';
export * from './quote.js';
export * from './plan.js';
export * from './bill-state.js';
export * from './amount-due.js';
export * from './config.js';
export * from './bridge.js';
export * from './deep-link.js';
export * from './merchant-api.js';
