/**
 * Polls until `condition` holds, waiting 5 ms between checks at most `waits` times: bounded by a count of
 * polls, not by a time limit on the code under test.
 * @throws Error when the condition never held.
 */
export async function until(condition: () => boolean | Promise<boolean>, waits = 2000): Promise<void> {
  for (let waited = 0; !(await condition()); waited++) {
    if (waited === waits) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
