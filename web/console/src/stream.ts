// The live stream (/api/stream, WebSocket; README "Live streams"): one connection per open run page, topics
// subscribed with the op protocol, and — after a daemon restart or a dropped connection — a reconnect that asks
// for catch-up from the last event id seen, so no fault, anomaly or verdict is missed. Samples carry totals, so a
// lost sample needs no catch-up. A browser that stalls only loses messages (counted by the daemon): it is one
// more bounded stream client and never slows the engine.

export interface StreamMessage {
  id?: number; topic: string; type: string; ts: string; t: number; run?: string;
  [field: string]: unknown;
}

export type StreamState = "connecting" | "live" | "reconnecting" | "unavailable";

export interface StreamOptions {
  run: string;
  topics: string[];
  token: string | null;
  onMessages: (messages: StreamMessage[], catchUp: boolean) => void;
  onState: (state: StreamState, detail: string) => void;
  /** For tests: the WebSocket constructor and the page's location. */
  socket?: (url: string) => WebSocketLike;
  origin?: string;
  now?: () => number;
}

export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

/** Delay before reconnect attempt n (0-based): 0.5 s doubling to 5 s. */
export function backoff(attempt: number): number {
  return Math.min(5000, 500 * 2 ** Math.min(attempt, 4));
}

/** ws:// or wss:// URL of the stream on the page's own origin. */
export function streamUrl(origin: string, run: string, token: string | null): string {
  const url = new URL("/api/stream", origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("run", run);
  if (token) url.searchParams.set("access_token", token);
  return url.toString();
}

/** Whether a message belongs to the run shown (a daemon stream names its run; trdpsim run's has one run). */
export function forRun(message: StreamMessage, run: string): boolean {
  return message.run === undefined || message.run === run;
}

export class LiveStream {
  private socket: WebSocketLike | null = null;
  private lastId: number | null = null;
  private attempt = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastFrame = 0;
  dropped = 0;

  constructor(private readonly options: StreamOptions) {}

  get lastEventId(): number | null { return this.lastId; }

  start(): void {
    this.closed = false;
    this.open();
    const now = this.options.now ?? Date.now;
    // The daemon sends a heartbeat after 15 s without frames: 40 s of silence means the connection is dead.
    this.watchdog = setInterval(() => {
      if (this.socket && this.lastFrame > 0 && now() - this.lastFrame > 40_000) this.socket.close();
    }, 5_000);
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.socket?.close(1000);
    this.socket = null;
  }

  private open(): void {
    const origin = this.options.origin ?? location.origin;
    const url = streamUrl(origin, this.options.run, this.options.token);
    const make = this.options.socket ?? ((u: string) => new WebSocket(u) as unknown as WebSocketLike);
    this.options.onState(this.attempt === 0 ? "connecting" : "reconnecting", "");
    const socket = make(url);
    this.socket = socket;
    const now = this.options.now ?? Date.now;
    socket.onopen = () => {
      this.lastFrame = now();
      const request: Record<string, unknown> = { op: "subscribe", topics: this.options.topics };
      if (this.lastId !== null) request.lastId = this.lastId;
      socket.send(JSON.stringify(request));
    };
    socket.onmessage = (event) => {
      this.lastFrame = now();
      this.handle(String(event.data));
    };
    socket.onerror = () => { /* onclose follows and reconnects */ };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closed) return;
      const detail = event.code === 4001 ? "the daemon cut this page off as too slow; catching up" : `connection closed (${event.code})`;
      this.options.onState(this.attempt >= 3 ? "unavailable" : "reconnecting", detail);
      const delay = backoff(this.attempt++);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  /** One frame from the daemon. Public for tests. */
  handle(text: string): void {
    let frame: Record<string, unknown>;
    try { frame = JSON.parse(text); } catch { return; }
    switch (frame.type) {
      case "subscribed":
        this.attempt = 0;
        this.options.onState("live", describeCatchUp(frame.catchUp));
        break;
      case "batch": {
        const messages = ((frame.messages as StreamMessage[]) ?? []).filter((m) => forRun(m, this.options.run));
        for (const m of messages) {
          if (typeof m.id === "number" && (this.lastId === null || m.id > this.lastId)) this.lastId = m.id;
        }
        if (typeof frame.dropped === "number") this.dropped = frame.dropped;
        if (messages.length > 0) this.options.onMessages(messages, frame.catchUp === true);
        break;
      }
      case "heartbeat":
        if (typeof frame.dropped === "number") this.dropped = frame.dropped;
        break;
      case "error":
        this.options.onState("live", String(frame.error ?? "stream error"));
        break;
    }
  }
}

function describeCatchUp(catchUp: unknown): string {
  if (!catchUp || typeof catchUp !== "object") return "";
  const c = catchUp as { events?: number; complete?: boolean; missed?: number; gap?: string };
  if (c.complete === false) return c.gap ?? `caught up, ${c.missed ?? "some"} events were older than the daemon keeps`;
  return c.events ? `caught up ${c.events} events` : "";
}
