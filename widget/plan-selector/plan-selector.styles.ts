import { css } from 'lit';

export const planSelectorStyles = css`
  :host {
    display: block;
    font: inherit;
    color: var(--fenqi-text, CanvasText);
    --_accent: var(--fenqi-accent, #ff6700);
    --_border: var(--fenqi-border, color-mix(in srgb, currentColor 20%, transparent));
    --_radius: var(--fenqi-radius, 8px);
  }
  :host([hidden]) {
    display: none;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
  }
  legend {
    font-weight: 600;
    margin-block-end: 0.5rem;
  }
  label {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  label:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  input {
    position: absolute;
    opacity: 0;
    inline-size: 1px;
    block-size: 1px;
  }
  label:has(input:focus-visible) {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .per-period {
    font-weight: 600;
  }
  .fee {
    font-size: 0.85em;
    opacity: 0.75;
  }
  .error {
    color: var(--fenqi-error, #c5221f);
  }
`;
