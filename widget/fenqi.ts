/**
 * The one script a merchant adds: `<script type="module" src=".../fenqi.js"></script>`.
 * It defines <fenqi-plan-selector> at once, and loads <fenqi-bill-panel> only on pages that use it.
 * It also re-exports `quote()` for merchants who draw their own UI.
 */
import { loadWhenUsed } from './internal/define.js';
import './plan-selector/plan-selector.js';

export { FenqiPlanSelector } from './plan-selector/plan-selector.js';
export { quote } from '../shared/index.js';

loadWhenUsed('fenqi-bill-panel', () => import('./bill-panel/bill-panel.js'));
