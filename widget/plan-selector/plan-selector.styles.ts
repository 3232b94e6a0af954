import { css } from '../internal/element.js';

// Text inherits the host page's font and colour; every other colour is the accent or a mix of
// currentColor, so the selector reads on light and dark pages alike. Logical properties only (RTL).
// Kept terse: every byte here counts against the selector's 14.5 KB budget.
export const planSelectorStyles = css`
  :host {
    display: block;
    font: inherit;
    container-type: inline-size;
    --a: var(--fenqi-accent, #ff6700);
    --b: var(--fenqi-border, color-mix(in srgb, currentColor 25%, #0000));
    --g: var(--fenqi-gap, 0.5rem);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --a: var(--fenqi-accent, #ff8a3d);
    }
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--g);
    padding: 0;
    display: grid;
    gap: var(--g);
    grid-template-columns: repeat(auto-fill, minmax(min(8.5rem, 100%), 1fr));
  }
  fieldset ~ fieldset {
    grid-template-columns: repeat(auto-fill, minmax(min(10rem, 100%), 1fr));
  }
  legend,
  h3 {
    font: inherit;
    font-weight: 600;
    margin: 0 0 var(--g);
    padding: 0;
  }
  label,
  button {
    position: relative;
    display: grid;
    align-content: center;
    min-block-size: 2.75rem;
    box-sizing: border-box;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--b);
    border-radius: var(--fenqi-radius, 8px);
    cursor: pointer;
  }
  label:has(:checked) {
    border-color: var(--a);
    box-shadow: inset 0 0 0 1px var(--a);
    background: var(--fenqi-selected-bg, color-mix(in srgb, var(--a) 8%, #0000));
  }
  label:has(:focus-visible),
  summary:focus-visible {
    outline: 2px solid var(--a);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    margin-block-start: var(--g);
  }
  .off {
    cursor: not-allowed;
    opacity: 0.55;
  }
  input {
    position: absolute;
    opacity: 0;
    margin: 0;
  }
  .amount {
    font-weight: 600;
    word-break: keep-all;
  }
  small,
  th {
    font-size: 0.85em;
    color: var(--fenqi-muted, color-mix(in srgb, currentColor 70%, #0000));
  }
  b,
  td {
    white-space: nowrap;
  }
  b {
    margin-inline-start: 0.25rem;
    padding: 0 0.375rem;
    border-radius: 1em;
    background: var(--fenqi-badge-bg, color-mix(in srgb, var(--a) 18%, #0000));
    font-size: 0.8em;
  }
  section {
    padding-block-start: var(--g);
    border-block-start: 1px solid var(--b);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dd {
    margin: 0;
  }
  dd,
  table {
    font-variant-numeric: tabular-nums;
  }
  summary {
    padding-block: 0.625rem;
    cursor: pointer;
    text-decoration: underline var(--a);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.25rem 0.5rem;
    text-align: end;
    border-block-end: 1px solid var(--b);
  }
  p {
    margin: 0 0 var(--g);
  }
  [role='alert'] {
    color: var(--fenqi-error, #c5221f);
  }
  @media (prefers-color-scheme: dark) {
    [role='alert'] {
      color: var(--fenqi-error, #f28b82);
    }
  }
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .w label {
    background: color-mix(in srgb, currentColor 6%, #0000);
  }
  @container (max-width: 30rem) {
    tr > :nth-child(3),
    tr > :nth-child(4) {
      display: none;
    }
  }
`;
