import { css } from '../internal/element.js';

export const billPanelStyles = css`
  /* Text inherits the host page's font and colour; borders and muted text mix currentColor, so the panel
     reads on light and dark pages alike (the same tokens as the selector). Logical properties only (RTL). */
  :host {
    --a: var(--fenqi-accent, #ff6700);
    /* Dark text on the orange: white on #ff6700 is only 2.9:1. */
    --o: var(--fenqi-on-accent, #1a1a1a);
    --s: var(--fenqi-surface, Canvas);
    --b: var(--fenqi-border, color-mix(in srgb, currentColor 25%, #0000));
    --m: var(--fenqi-muted, color-mix(in srgb, currentColor 70%, #0000));
    --e: var(--fenqi-error, #c5221f);
    --w: var(--fenqi-warning, #8a5300);
    --k: var(--fenqi-success, #1b6e2a);
    --r: var(--fenqi-radius, 8px);
    display: block;
    font: inherit;
    /* Layout follows the panel's own width (a phone, or a narrow column on a desktop page). */
    container-type: inline-size;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --a: var(--fenqi-accent, #ff8a3d);
      --e: var(--fenqi-error, #f28b82);
      --w: var(--fenqi-warning, #ffc266);
      --k: var(--fenqi-success, #7fd88f);
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
    border: 1px solid var(--b);
    border-radius: var(--r);
    padding: 0.75rem 1rem;
  }
  h2,
  h3 {
    font-size: 1.05em;
    margin: 0;
  }
  .meta,
  .muted {
    color: var(--m);
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
  /* Short tokens never break in the middle: amounts, dates, badges, 期数. Lines of them break only at spaces. */
  .amount,
  .progress,
  td:not(:last-child) {
    white-space: nowrap;
  }
  /* Narrow: each installment on two lines (期数, date, amount; then its status under the date), headings kept
     for screen readers only. */
  @container (max-width: 30rem) {
    li.plan {
      padding-inline: 0.75rem;
    }
    thead {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    tbody tr {
      display: grid;
      grid-template-columns: 3.75em 1fr auto;
      column-gap: 0.5rem;
      padding-block: 0.25rem;
      border-block-end: 1px solid var(--b);
    }
    tbody td {
      border: 0;
      padding: 0;
    }
    tbody td:last-child {
      grid-column: 2 / -1;
    }
  }
  .row,
  label.choice,
  td {
    word-break: keep-all;
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
    color: var(--e);
  }
  .badge.due-today,
  .badge.due-soon {
    color: var(--w);
  }
  .badge.paid-off {
    color: var(--k);
  }
  .badge.under-review {
    color: var(--w);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  /* Touch targets of at least 44 × 44 px. */
  button {
    font: inherit;
    cursor: pointer;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: 0.3rem 0.9rem;
    border-radius: var(--r);
    border: 1px solid var(--b);
    background: transparent;
    color: inherit;
  }
  button.primary {
    background: var(--a);
    border-color: var(--a);
    color: var(--o);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--a);
    outline-offset: 2px;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-start: 0.5rem;
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  /* Amounts line up on the right, digit under digit. */
  th:nth-child(3),
  td:nth-child(3) {
    text-align: end;
  }
  caption {
    text-align: start;
    color: var(--m);
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem 0.25rem 0;
    border-block-end: 1px solid var(--b);
  }
  .error {
    color: var(--e);
  }
  .notes {
    display: flex;
    gap: 0.5rem;
    align-items: start;
    margin-block-end: 0.75rem;
  }
  .notice {
    flex: 1;
    margin: 0;
    border: 1px solid var(--e);
    border-radius: var(--r);
    padding: 0.5rem 0.75rem;
  }
  a.shop {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0 0.9rem;
    border: 1px solid var(--b);
    border-radius: var(--r);
    color: inherit;
  }
  /* However long the list, the total and the buttons stay in view: a footer stuck to the dialog's bottom edge. */
  dialog {
    box-sizing: border-box;
    border: 1px solid var(--b);
    border-radius: var(--r);
    background: var(--s);
    color: var(--fenqi-text, CanvasText);
    padding: 1rem 1.25rem 0;
    max-inline-size: min(32rem, calc(100vw - 2rem));
    max-block-size: calc(100dvh - 2rem);
    inline-size: 100%;
  }
  .foot,
  dialog .actions {
    position: sticky;
    inset-block-end: 0;
    background: var(--s);
    padding-block-end: 1rem;
  }
  .foot {
    border-block-start: 1px solid var(--b);
  }
  .foot .actions {
    padding: 0;
  }
  dialog p {
    margin-block: 0.5rem;
  }
  dialog .error:empty {
    margin: 0;
  }
  /* Phones: a sheet from the bottom edge, full width, rounded on top. */
  @media (max-width: 40rem) {
    dialog {
      margin: auto 0 0;
      max-inline-size: 100%;
      max-block-size: calc(100dvh - 1.5rem);
      border-radius: 12px 12px 0 0;
      border-block-end: 0;
      padding-inline: 1rem;
    }
    dialog .actions {
      display: grid;
      grid-template-columns: auto 1fr;
    }
    dialog .actions > :only-child {
      grid-column: 1 / -1;
    }
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
    align-items: center;
    min-block-size: 2.75rem;
  }
  label.choice input {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--a);
  }
  .total {
    font-size: 1.1em;
    font-weight: 600;
  }
  /* 16 px at least, or phones zoom into the field; full width, so a long card name never widens the dialog. */
  input[type='text'],
  input[type='password'],
  select {
    font: inherit;
    font-size: max(1rem, 1em);
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin-block-start: 0.25rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--b);
    border-radius: var(--r);
    background: transparent;
    color: inherit;
  }
  /* A field with its label above, and the resend button beside the code field. */
  form > p:has(> label) {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
  }
  form > p > label {
    flex: 1;
    min-inline-size: 0;
  }
  select option {
    background: var(--s);
  }
`;
