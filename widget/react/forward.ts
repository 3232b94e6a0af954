import { createElement, type ReactElement } from 'react';

/**
 * A React component rendering the custom element `tag`: every prop goes to the element as React 19 passes props
 * to custom elements (a property when the element has one, else an attribute), and each `onX` prop named in
 * `events` becomes a listener for its DOM event (`onPlanChange` → `fenqi-plan-change`), through React 19's
 * `on<event name>` convention for custom elements.
 */
export function forwardToElement<Props extends object>(
  tag: string,
  events: Record<string, string>,
): (props: Props) => ReactElement {
  return (props) => {
    const native: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props))
      native[Object.hasOwn(events, key) ? `on${events[key]}` : key] = value;
    return createElement(tag, native);
  };
}
