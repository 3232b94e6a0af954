import { defineOnce } from '../internal/define.js';
import { FenqiBillPanel } from './bill-panel.component.js';

export { FenqiBillPanel };

defineOnce('fenqi-bill-panel', FenqiBillPanel);

declare global {
  interface HTMLElementTagNameMap {
    'fenqi-bill-panel': FenqiBillPanel;
  }
}
