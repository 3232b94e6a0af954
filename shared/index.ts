// The domain core shared by the widget and the extension. Pure: importing it does nothing.
export * from './errors.js';
export * from './money.js';
export * from './dates.js';
export * from './schedule.js';
export * from './quote.js';
export * from './plan.js';
export * from './bill-state.js';
export * from './amount-due.js';
export * from './config.js';
export * from './bridge.js';
