import { describe, expect, it } from "vitest";
import { HealthTracker, worse } from "../src/health";

describe("HealthTracker", () => {
  it("is idle before any sample and ok when counters only grow where they should", () => {
    const h = new HealthTracker();
    expect(h.state("A/x", 0)).toBe("idle");
    h.sample("A/x", { lost: 0, timeouts: 0 }, 0);
    expect(h.sample("A/x", { lost: 0, timeouts: 0 }, 1)).toBe("ok");
  });
  it("turns lossy on lost frames or fault strikes and holds it for the hold time", () => {
    const h = new HealthTracker(3);
    h.sample("A/x", { lost: 0, struck: 0 }, 0);
    expect(h.sample("A/x", { lost: 0, struck: 5 }, 1)).toBe("lossy");
    expect(h.sample("A/x", { lost: 0, struck: 5 }, 2)).toBe("lossy");
    expect(h.sample("A/x", { lost: 0, struck: 5 }, 4.5)).toBe("ok");
  });
  it("ranks rejected over timing out over lossy", () => {
    const h = new HealthTracker();
    h.sample("B/y", { lost: 0, timeouts: 0, topoRejects: 0 }, 0);
    expect(h.sample("B/y", { lost: 1, timeouts: 1, topoRejects: 0 }, 1)).toBe("timing-out");
    expect(h.sample("B/y", { lost: 1, timeouts: 1, topoRejects: 2 }, 1.5)).toBe("rejected");
    expect(worse("lossy", "ok")).toBe("lossy");
  });
  it("is timing out while a subscription is timed out now, and after a timeout anomaly", () => {
    const h = new HealthTracker();
    expect(h.sample("B/y", { timedOut: 1 }, 0)).toBe("timing-out");
    h.anomaly("C/z", "timeout", 10);
    expect(h.state("C/z", 11)).toBe("timing-out");
    expect(h.state("C/z", 14)).toBe("ok");
  });
});
