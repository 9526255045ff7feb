/**
 * Wraps a reload so a burst of calls makes at most two runs: the one in flight and one more after it, which sees
 * everything that changed meanwhile. The background may write the outbox many times a second while it drains.
 */
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const next = async (): Promise<void> => {
    try {
      await run();
    } finally {
      inFlight = undefined;
    }
    if (again) {
      again = false;
      inFlight = next();
      await inFlight;
    }
  };
  return () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = next();
    return inFlight;
  };
}
