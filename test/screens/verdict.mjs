import assert from 'node:assert/strict';

/**
 * Passes a screen with no problems; fails one with problems, unless KNOWN_FAILURES excuses it (then the test is
 * reported as TODO with the reason and the problems). An excused screen that passes fails: take it off the list.
 */
export function verdict(t, problems, known) {
  if (!known) return assert.deepEqual(problems, [], `\n  ${problems.join('\n  ')}`);
  if (problems.length === 0) throw new Error(`passes now: take it off KNOWN_FAILURES ("${known}")`);
  t.todo(`known failure: ${known}`);
  throw new Error(problems.join('\n'));
}
