import { css } from '../internal/element.js';

export const billPanelStyles = css`
  /* Text inherits the host page's font and colour; borders and muted text mix currentColor, so the panel
     reads on light and dark pages alike (the same tokens as the selector). Logical properties only (RTL). */
  :host {
    --_accent: var(--fenqi-accent, #ff6700);
    /* Dark text on the orange: white on #ff6700 is only 2.9:1. */
    --_on-accent: var(--fenqi-on-accent, #1a1a1a);
    --_surface: var(--fenqi-surface, Canvas);
    --_border: var(--fenqi-border, color-mix(in srgb, currentColor 25%, transparent));
    --_muted: var(--fenqi-muted, color-mix(in srgb, currentColor 70%, transparent));
    --_error: var(--fenqi-error, #c5221f);
    --_warning: var(--fenqi-warning, #8a5300);
    --_success: var(--fenqi-success, #1b6e2a);
    --_radius: var(--fenqi-radius, 8px);
    display: block;
    font: inherit;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--fenqi-accent, #ff8a3d);
      --_error: var(--fenqi-error, #f28b82);
      --_warning: var(--fenqi-warning, #ffc266);
      --_success: var(--fenqi-success, #7fd88f);
    }
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  ul.plans {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  li.plan {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
  }
  h2,
  h3 {
    font-size: 1.05em;
    margin: 0;
  }
  .meta,
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0.125rem 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin-block: 0.25rem;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.85em;
    white-space: nowrap;
  }
  .badge.overdue {
    color: var(--_error);
  }
  .badge.due-today,
  .badge.due-soon {
    color: var(--_warning);
  }
  .badge.paid-off {
    color: var(--_success);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: 0.3rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-start: 0.5rem;
    font-size: 0.9em;
  }
  caption {
    text-align: start;
    color: var(--_muted);
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem 0.25rem 0;
    border-block-end: 1px solid var(--_border);
  }
  .error {
    color: var(--_error);
  }
  .notice {
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    margin-block-end: 0.75rem;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--fenqi-text, CanvasText);
    padding: 1rem 1.25rem;
    max-inline-size: min(32rem, calc(100vw - 2rem));
    inline-size: 100%;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  fieldset {
    border: 0;
    margin: 0.75rem 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-block-end: 0.25rem;
    padding: 0;
  }
  label.choice {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    padding-block: 0.2rem;
  }
  .total {
    font-size: 1.1em;
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  select {
    font: inherit;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
  }
`;
