// Console helpers shared by the component tests.

/** Runs `run` with console.error captured, so expected errors are checked rather than printed. */
export async function capturingErrors(run: () => Promise<void>): Promise<string[]> {
  const original = console.error;
  const logged: string[] = [];
  console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.error = original;
  }
  return logged;
}
