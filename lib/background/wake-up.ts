import { browser } from 'wxt/browser';

export const OUTBOX_ALARM = 'outbox-delivery';

/** setTimeout overflows past 2^31 - 1 ms; waking early is harmless (nothing is due yet, the wake-up is set again). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface WakeUp {
  /** Wakes the outbox at `time` (epoch ms), or never when undefined; replaces any earlier wake-up. */
  at(time: number | undefined): Promise<void>;
  /** Drops the in-memory timer (the worker is going away, or a test is over); the alarm stays. */
  stop(): void;
}

/**
 * One alarm, so a stopped worker is started again for the next attempt; and, because Chrome does not fire alarms
 * sooner than 30 s after they are set, a timer for shorter waits while the worker is alive.
 */
export function createWakeUp(onWake: () => void, now: () => number = Date.now): WakeUp {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Null until this worker sets or clears the alarm: an earlier worker may have left one. */
  let alarmAt: number | undefined | null = null;
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    async at(time) {
      clearTimer();
      if (time !== undefined) timer = setTimeout(onWake, Math.min(MAX_TIMER_MS, Math.max(0, time - now())));
      if (time === alarmAt) return;
      alarmAt = time;
      if (time === undefined) await browser.alarms.clear(OUTBOX_ALARM);
      else await browser.alarms.create(OUTBOX_ALARM, { when: time });
    },
    stop: clearTimer,
  };
}
