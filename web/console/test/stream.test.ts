import { afterEach, describe, expect, it, vi } from "vitest";
import { backoff, forRun, LiveStream, streamUrl, type StreamMessage, type WebSocketLike } from "../src/stream";

class FakeSocket implements WebSocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {}
  send(data: string): void { this.sent.push(data); }
  close(): void { this.onclose?.({ code: 1006, reason: "" }); }
  frame(value: unknown): void { this.onmessage?.({ data: JSON.stringify(value) }); }
}

afterEach(() => vi.useRealTimers());

describe("stream", () => {
  it("connects to the page's own origin with the token as access_token", () => {
    expect(streamUrl("http://127.0.0.1:9465", "r1", "s3cret")).toBe("ws://127.0.0.1:9465/api/stream?run=r1&access_token=s3cret");
    expect(streamUrl("https://rig:1", "r 2", null)).toBe("wss://rig:1/api/stream?run=r+2");
  });
  it("backs off from half a second to five", () => {
    expect([0, 1, 2, 3, 4, 9].map(backoff)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });
  it("keeps messages of its run and of a stream without run names", () => {
    const m = (run?: string) => ({ topic: "x", type: "t", ts: "", t: 0, run }) as StreamMessage;
    expect(forRun(m(), "a")).toBe(true);
    expect(forRun(m("a"), "a")).toBe(true);
    expect(forRun(m("b"), "a")).toBe(false);
  });
  it("subscribes, delivers batches, and after a reconnect asks for catch-up from the last event id", () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const received: number[] = [];
    const states: string[] = [];
    const stream = new LiveStream({
      run: "r1", topics: ["run.*", "anomalies"], token: null, origin: "http://localhost",
      socket: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; },
      onMessages: (messages) => received.push(...messages.map((x) => x.id ?? -1)),
      onState: (s) => states.push(s),
    });
    stream.start();
    sockets[0].onopen?.({});
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ op: "subscribe", topics: ["run.*", "anomalies"] });
    sockets[0].frame({ type: "subscribed", topics: ["run.*"], catchUp: { events: 0, complete: true } });
    sockets[0].frame({ type: "batch", dropped: 0, messages: [{ id: 7, topic: "anomalies", type: "gap", t: 1 }, { topic: "run.stats", type: "sample", t: 1 }] });
    sockets[0].frame({ type: "batch", dropped: 2, messages: [{ id: 9, topic: "anomalies", type: "timeout", t: 2, run: "other" }] });
    expect(received).toEqual([7, -1]);
    expect(stream.lastEventId).toBe(7);
    expect(stream.dropped).toBe(2);
    sockets[0].close();
    expect(states.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(500);
    sockets[1].onopen?.({});
    expect(JSON.parse(sockets[1].sent[0])).toEqual({ op: "subscribe", topics: ["run.*", "anomalies"], lastId: 7 });
    sockets[1].frame({ type: "subscribed", catchUp: { events: 3, complete: true } });
    expect(states.at(-1)).toBe("live");
    stream.stop();
  });
  it("ignores frames that are not JSON", () => {
    const stream = new LiveStream({ run: "r", topics: [], token: null, onMessages: () => { throw new Error("no"); }, onState: () => {} });
    expect(() => stream.handle("not json")).not.toThrow();
  });
});
