import { describe, expect, it } from "vitest";
import { bytes, count, elapsed, percent, seconds } from "../src/format";
import { readToken, saveToken } from "../src/token";

describe("format", () => {
  it("writes figures as an operator reads them", () => {
    expect(count(12)).toBe("12");
    expect(count(100_000)).toBe("100.0 k");
    expect(count(2_500_000)).toBe("2.50 M");
    expect(seconds(0.000012)).toBe("12.0 µs");
    expect(seconds(0.0042)).toBe("4.20 ms");
    expect(seconds(1.5)).toBe("1.50 s");
    expect(percent(0.1)).toBe("10.0 %");
    expect(percent(0.0001)).toBe("0.010 %");
    expect(elapsed(3725)).toBe("1:02:05");
    expect(elapsed(65)).toBe("1:05");
    expect(bytes(3 * 1024 * 1024)).toBe("3.0 MiB");
    expect(count(null)).toBe("–");
  });
});

describe("token", () => {
  it("is kept trimmed in the tab's storage and removed when empty", () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    expect(readToken(store)).toBeNull();
    saveToken("  abc \n", store);
    expect(readToken(store)).toBe("abc");
    saveToken("", store);
    expect(readToken(store)).toBeNull();
  });
});
