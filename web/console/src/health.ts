// A telegram's health as the Train page colours it, from the live counters of its `pd.*` samples and the
// `anomalies` events that name it: rejected (topology rejects), timing out (a subscription timed out now, or a
// timeout within the hold time), lossy (frames lost, or a fault striking a publication's frames), else ok.
// A bad state is held for a few seconds after its cause, so a short burst stays visible.

export type Health = "ok" | "lossy" | "timing-out" | "rejected" | "idle";

export interface HealthCounters {
  lost?: number; struck?: number; timeouts?: number; timedOut?: number | boolean; topoRejects?: number;
}

const rank: Record<Health, number> = { idle: 0, ok: 1, lossy: 2, "timing-out": 3, rejected: 4 };

export function worse(a: Health, b: Health): Health {
  return rank[a] >= rank[b] ? a : b;
}

interface Entry { last: HealthCounters; bad: Health; badUntil: number; }

export class HealthTracker {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly holdSeconds = 3) {}

  /** A sample of one telegram's counters at page time `now` (seconds). */
  sample(key: string, counters: HealthCounters, now: number): Health {
    const entry = this.entries.get(key);
    let cause: Health = "ok";
    if (entry) {
      const d = (name: keyof HealthCounters) => Number(counters[name] ?? 0) - Number(entry.last[name] ?? 0);
      if (d("lost") > 0 || d("struck") > 0) cause = "lossy";
      if (d("timeouts") > 0) cause = worse(cause, "timing-out");
      if (d("topoRejects") > 0) cause = worse(cause, "rejected");
    }
    if (counters.timedOut === true || Number(counters.timedOut ?? 0) > 0) cause = worse(cause, "timing-out");
    const next: Entry = entry ?? { last: counters, bad: "ok", badUntil: 0 };
    next.last = counters;
    if (cause !== "ok") {
      next.bad = now < next.badUntil ? worse(next.bad, cause) : cause;
      next.badUntil = now + this.holdSeconds;
    }
    this.entries.set(key, next);
    return this.state(key, now);
  }

  /** An anomaly event that names the telegram (timeout, gap). */
  anomaly(key: string, type: string, now: number): void {
    const cause: Health = type === "timeout" ? "timing-out" : type === "gap" ? "lossy" : "ok";
    if (cause === "ok") return;
    const entry = this.entries.get(key) ?? { last: {}, bad: "ok" as Health, badUntil: 0 };
    entry.bad = now < entry.badUntil ? worse(entry.bad, cause) : cause;
    entry.badUntil = now + this.holdSeconds;
    this.entries.set(key, entry);
  }

  state(key: string, now: number): Health {
    const entry = this.entries.get(key);
    if (!entry) return "idle";
    return now < entry.badUntil ? entry.bad : "ok";
  }
}

export const healthLabel: Record<Health, string> = {
  idle: "no data yet", ok: "ok", lossy: "lossy", "timing-out": "timing out", rejected: "rejected",
};
