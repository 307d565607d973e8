// Waiting on a real process in end-to-end tests: the condition, bounded, never a fixed sleep.

/** Retries an assertion about a background process until it holds (bounded; not a timing test). */
export async function eventually(
  assertion: () => Promise<void> | void,
  attempts = 150,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
