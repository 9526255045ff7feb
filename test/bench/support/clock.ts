/** Milliseconds on a clock that Chromium's pages share up to a measured offset: epoch time with sub-ms precision. */
export function nodeNow(): number {
  return performance.timeOrigin + performance.now();
}

export interface ClockOffset {
  /** page clock minus Node clock, in ms: a page time t happened at Node time t - offsetMs. */
  offsetMs: number;
  /** Half the fastest round trip: how far off the offset can be. */
  uncertaintyMs: number;
}

/**
 * Chromium and Node each map their monotonic clock to wall time once, so two `timeOrigin + now()` readings taken at
 * the same instant can differ by a few ms. The offset is taken NTP-style from the fastest of several round trips.
 */
export async function measureClockOffset(readPageClock: () => Promise<number>, rounds = 15): Promise<ClockOffset> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let round = 0; round < rounds; round += 1) {
    const sent = nodeNow();
    const pageTime = await readPageClock();
    const received = nodeNow();
    const rtt = received - sent;
    if (rtt < best.rtt) best = { rtt, offset: pageTime - (sent + received) / 2 };
  }
  return { offsetMs: best.offset, uncertaintyMs: best.rtt / 2 };
}

/** The page-side reading, to pass to page.evaluate. */
export const PAGE_CLOCK = () => performance.timeOrigin + performance.now();
