// TypeScript declarations for trdpsim scenario API v2 (plugins/README.md). For editors only:
// scenarios are plain JavaScript ES modules: `export default function (plan: Plan) { ... }`.

/** "250us", "100ms", "1.5s", "2m", "1h", "1m30s". */
export type Duration = string;
/** Dotted-quad IPv4 address "a.b.c.d". */
export type Address = string;

export interface NetworkOptions {
  pdPort?: number; mdPort?: number; pdQos?: number; pdTtl?: number; mdQos?: number; mdTtl?: number;
  mdReplyTimeout?: Duration; mdMaxSessions?: number; defaultPdTimeout?: Duration;
  trafficShaping?: boolean; wheelTick?: Duration;
  /** "udp" (default) or "in-memory": the in-process network (deterministic runs, benchmarks). */
  transport?: "udp" | "in-memory";
}

export interface DatasetElement { name: string; type: string; arraySize?: number; }
export interface DatasetOptions { id: number; name?: string; elements?: DatasetElement[]; }

/** A multi-homed device's bus interfaces, in the order of its `interfaces` addresses. */
export type InterfaceName = "a" | "b" | "c" | "d";

export interface FieldGenerator {
  field: string; kind?: "constant" | "counter" | "ramp" | "random" | "sequence" | "stuck-at" | "out-of-range";
  /** stuck-at: live cycles before the field freezes at `value`. */
  after?: number;
  value?: number; step?: number; min?: number; max?: number; values?: number[];
}

export interface PublishOptions {
  name?: string; comId: number; count?: number; comIdStep?: number; dataset?: number; payloadLength?: number;
  cycle?: Duration; offset?: Duration; destination: Address; destinationPort?: number;
  etbTopoCount?: number; opTrainTopoCount?: number; redundancyGroup?: number;
  /** Followers take the lead after this long without hearing the leader (default: 3 cycles of the group's slowest telegram; "infinite" = on command only). */
  takeoverAfter?: Duration | "infinite"; fields?: FieldGenerator[];
  /** Only on these interfaces of the device (default: every interface). */
  interfaces?: InterfaceName[];
}

export interface SubscribeOptions {
  name?: string; comId: number; count?: number; comIdStep?: number; source?: Address; source2?: Address;
  destination?: Address; timeout?: Duration | "infinite"; timeoutBehavior?: "zero" | "keep";
  etbTopoCount?: number; opTrainTopoCount?: number; expectedCycle?: Duration;
  /** Only on these interfaces of the device (default: every interface); a copy arriving on another is not for it. */
  interfaces?: InterfaceName[];
}

export interface PullOptions {
  name?: string; comId: number; replyComId?: number; target: Address; replyAddress?: Address;
  interval?: Duration; timeout?: Duration;
  /** The request leaves from the first of these interfaces (default: the device's first). */
  interfaces?: InterfaceName[];
}

/** Polls a device under test's statistics (ComId 31) and records every field as a series
 * (summary, JSON, /metrics, thresholds dut_stat_delta / dut_stat_value). */
export interface StatisticsPollOptions {
  /** Default "statistics"; unique among the device's pulls and polls. */
  name?: string;
  /** The device under test. */
  target: Address;
  /** Time between polls (default "1s", at least "1ms"). */
  interval?: Duration;
  /** How long a poll waits for its reply (default "1s"). */
  timeout?: Duration;
  /** The poll leaves from the first of these interfaces and is answered there (default: the device's first). */
  interfaces?: InterfaceName[];
}

export interface MdCallOptions {
  name?: string; comId: number; kind?: "request" | "notify"; protocol?: "udp" | "tcp"; destination: Address;
  destinationPort?: number; rate?: number; count?: number; maxOutstanding?: number; replyTimeout?: Duration;
  expectedReplies?: number; retries?: number; confirmStatus?: number; sourceUri?: string; destinationUri?: string;
  dataset?: number; payloadLength?: number; fields?: FieldGenerator[]; etbTopoCount?: number; opTrainTopoCount?: number;
  /** The request leaves from the first of these interfaces (default: the device's first). */
  interfaces?: InterfaceName[];
}

export interface MdReplyOptions {
  name?: string; comId: number; protocol?: "udp" | "tcp"; source?: Address; group?: Address;
  sourceUriFilter?: string; destinationUriFilter?: string; reply?: "reply" | "reply-with-confirm";
  replyComId?: number; userStatus?: number; confirmTimeout?: Duration;
  /** Distribution spec, e.g. "constant:0", "lognormal:median=2ms,p99=20ms". */
  delay?: string;
  noReplyProbability?: number; errorProbability?: number; errorStatus?: number; lateReplyProbability?: number;
  sourceUri?: string; dataset?: number; payloadLength?: number; fields?: FieldGenerator[];
  /** Only requests arriving on these interfaces of the device (default: every interface); its group is joined on each. */
  interfaces?: InterfaceName[];
}

export type FaultKind =
  | "loss" | "burst-loss" | "delay" | "duplicate" | "reorder" | "corrupt-fcs" | "bit-flip" | "sequence"
  | "topo-change" | "malform" | "silence" | "babble" | "cycle-drift"
  | "withheld-reply" | "late-reply" | "me-error" | "missing-confirm" | "wrong-port-reply";

/** A fault (configs/README.md, "Faults"). Only the parameters of its own kind may be given. */
export interface FaultOptions {
  kind: FaultKind;
  /** Default "<kind>-<n>". */
  name?: string;
  /** Device name, "*" = every device (default). */
  device?: string;
  /** Plan name of the telegram ("name" covers instances "name#i"; "name#3" is one instance). */
  telegram?: string;
  comId?: number;
  /** Only the frames a multi-homed device sends over this interface ("a", "b", …; PD faults). */
  interface?: string;
  /** From the run start. */
  start?: Duration; stop?: Duration; rampUp?: Duration;
  /** 0…1, default 1. */
  intensity?: number;
  /** loss, duplicate, reorder, corrupt-fcs, bit-flip and MD kinds; 0…1, default 1. */
  probability?: number;
  /** burst-loss (Gilbert-Elliott), per frame, 0…1. */
  goodToBad?: number; badToGood?: number; lossInGood?: number; lossInBad?: number;
  /** delay, late-reply: distribution spec, e.g. "normal:mean=5ms,stddev=1ms". */
  delay?: string;
  /** duplicate: extra copies (1…100). */
  copies?: number;
  /** reorder: later frames that overtake the held one (1…1000). */
  depth?: number;
  /** bit-flip: payload bits per struck frame. */
  bits?: number;
  /** sequence. */
  mode?: "freeze" | "jump" | "reset" | "roll-back"; step?: number;
  /** topo-change. */
  etbTopoCount?: number; opTrainTopoCount?: number;
  /** malform. */
  malformation?: "version" | "length" | "padding" | "message-type" | "truncated";
  /** babble: send rate multiplier (1…1000). */
  rateFactor?: number;
  /** cycle-drift, parts per million (±900000). */
  driftPpm?: number;
  /** me-error: the 'Me' reply status (default -3). */
  errorStatus?: number;
}

export interface Device {
  readonly name: string;
  publish(options: PublishOptions): Device;
  subscribe(options: SubscribeOptions): Device;
  pull(options: PullOptions): Device;
  pollStatistics(options: StatisticsPollOptions): Device;
  mdCall(options: MdCallOptions): Device;
  mdReply(options: MdReplyOptions): Device;
}

export interface ParamTypes { number: number; string: string; boolean: boolean; duration: Duration; }

/** A PD telegram a subscription accepted (hook "telegram"). */
export interface TelegramEvent {
  /** The subscribing device and its subscription's plan name. */
  device: string; telegram: string; comId: number;
  /** Milliseconds since the run started. */
  time: number;
  /** The telegram's sequence counter. */
  seq: number;
  /** The sender's address. */
  source: Address;
  /** The dataset bytes (a copy: the event may be kept). */
  data: Uint8Array;
}

/** A subscription's timeout expired (hook "timeout"): no telegram arrived within it. No payload. */
export interface TimeoutEvent {
  device: string; telegram: string; comId: number;
  /** Milliseconds since the run started. */
  time: number;
  /** The deadline fell inside a stall of trdpsim's own wheel or receive thread: the simulator's doing, not
   *  the publisher's (counted apart and, by default, left out of threshold verdicts). */
  selfInflicted: boolean;
}

/** An MD request a replier received (hook "mdRequest"). */
export interface MdRequestEvent {
  /** The replying device and its replier's plan name. */
  device: string; replier: string; comId: number;
  /** Milliseconds since the run started. */
  time: number;
  /** The request's sequence counter. */
  seq: number;
  /** The caller's address. */
  source: Address;
  /** The request's dataset bytes (a copy). */
  data: Uint8Array;
}

/** What an "mdRequest" hook returns; undefined/null = answer as planned. */
export interface MdAnswer {
  /** Reply payload (bytes). Default: the replier's planned payload. */
  data?: Uint8Array | number[];
  /** User status of the reply (>= 0). */
  status?: number;
  /** Answer with an 'Me' carrying this negative status instead. */
  error?: number;
  /** Do not answer at all (the caller times out). */
  noReply?: boolean;
  /** Answer no earlier than this after the request arrived. Default: the planned delay. */
  delay?: Duration;
}

/** A phase began (hook "phase"). */
export interface PhaseEvent {
  name: string;
  /** Milliseconds since the run started. */
  time: number;
  tags: string[];
}

export interface TelegramCounters {
  sent: number; received: number; lost: number; duplicates: number; outOfOrder: number; timeouts: number;
  timedOut: boolean; droppedCycles: number; sendFailures: number; topoRejects: number;
  /** Frames a fault withheld (loss, burst loss, silence) and frames a delay fault sent late on purpose. */
  struck: number; delayed: number;
  /** Accepted telegrams whose counter went back (a publisher restart) or jumped ahead (gap not counted as lost). */
  restarts: number; sequenceJumps: number;
  /** Pull requests issued ('Pr' sent) or answered ('Pp' sent); replies within, after, or without a waiting
   *  request; repeated 'Pr' a responder ignored. */
  pullRequests: number; pullReplies: number; pullLateReplies: number; pullUnmatchedReplies: number; pullDuplicates: number;
}

/** The run summary end hooks receive. Lateness in microseconds. */
export interface RunSummary {
  name: string; seconds: number; sent: number; received: number; lost: number; timeouts: number;
  droppedCycles: number; engineErrors: number; sendLateness: { p50: number; p99: number; max: number };
  telegrams: Array<{ device: string; name: string; role: string; comId: number; sent: number; received: number;
    lost: number; duplicates: number; outOfOrder: number; timeouts: number; droppedCycles: number }>;
  md: Array<{ device: string; name: string; role: string; comId: number; calls: number; ok: number;
    timeouts: number; requests: number; replies: number }>;
}

/** What callbacks may do while the run goes. Changes apply between two wheel ticks and are taken back
 *  when the scenario settles or is reset. */
export interface Run {
  /** Milliseconds since the run started. */
  now(): number;
  /** The phase playing now, or null. */
  phase(): string | null;
  log(...values: unknown[]): void;
  /** Calls fn once, delay from now (while the scenario is active). */
  after(delay: Duration, fn: (run: Run) => void): void;
  /** New cycle for every instance of a published telegram. */
  setCycle(telegram: string, cycle: Duration): void;
  /** Switches a device's publications off (true, default) or on again (false). */
  silence(device: string, on?: boolean): void;
  /** Makes device (default: the next member) the leader of a redundancy group: the old leader's publications
   *  of the group fall silent, the new leader's send from their next cycle with counter 0. */
  switchover(group: number, device?: string): void;
  /** Pins a payload field to a value (stuck-at); null lets its generator run again. */
  setField(telegram: string, field: string, value: number | boolean | null): void;
  /** Counters of a telegram (all instances; optionally of one device). */
  counters(telegram: string, device?: string): TelegramCounters;
  /** Ends the scenario's active time now: it settles. */
  stop(): void;
  /** Fails the run (exit code 1) with a reason; the run goes on. */
  fail(reason: string): void;
  /**
   * Injects a fault now: the options of plan.fault(), with start, stop and rampUp counted from this call.
   * Returns its name (default "<scenario>-<kind>-<n>"). The fault belongs to the scenario: it eases out
   * when the scenario settles and goes at once when it is reset.
   */
  inject(options: FaultOptions): string;
  /** Takes the active fault of this name (planned or injected) off at once. */
  repair(name: string): void;
  /**
   * A parameter this scenario declared (plan.param, plugin.toml), as it is now, of its declared type: the daemon's
   * control plane may change it while the run is live (PATCH /api/runs/{id}/params, `trdpsim ctl param set`).
   */
  param(name: string): string | number | boolean;
}

/** Which telegrams a "telegram" hook sees. */
export interface HookFilter {
  device?: string; comId?: number;
  /** Only telegrams from this sender. */
  source?: Address;
  /** Every Nth telegram per subscription (default 1: every one). */
  sample?: number;
}

/** Which subscriptions' timeouts a "timeout" hook sees. */
export interface TimeoutFilter { device?: string; comId?: number; }

/** Which repliers' requests an "mdRequest" hook answers. */
export interface MdRequestFilter { device?: string; comId?: number; }

/** What each hook kind's callback receives, by the name given to plan.on(). */
export interface HookEvents {
  telegram: TelegramEvent;
  timeout: TimeoutEvent;
  mdRequest: MdRequestEvent;
  phase: PhaseEvent;
  end: RunSummary;
}

export interface PhaseOptions {
  name?: string; duration: Duration; ramp?: Duration;
  /** Multipliers, 1 = as planned. */
  pdRate?: number; mdRate?: number;
  /** Fraction (0..1) of the selected publications that send. */
  activeFraction?: number;
  device?: string; telegram?: string; comId?: number; tags?: string[];
}

/**
 * A threshold rule: "aggregation op limit", e.g. "p(99) < 2ms", "rate < 0.01", "count == 0",
 * "per_second > 9000", "value < 0.001". Aggregations: count, per_second (counters); rate, value (ratios);
 * value (gauges); avg, min, max, med, p(N), count (latencies, limits with ns/us/ms/s/m/h).
 */
export type ThresholdRuleText = string;

export interface ThresholdRuleOptions {
  rule: ThresholdRuleText;
  /** Must hold in every sliding window of this length (whole seconds). Not for gauges. */
  over?: Duration;
  /** Fails only when violated for this long without a break (whole seconds). */
  for?: Duration;
  /** Stop the run when the threshold fails (default false). */
  abortOnFail?: boolean;
  /** No abort before this much run time (default "0"). */
  grace?: Duration;
}

export interface Plan {
  /** The API version this engine speaks (2). Version 1 scenarios run unchanged. */
  readonly apiVersion: 2;
  name(name: string): void;
  duration(duration: Duration): void;
  seed(seed: number): void;
  network(options: NetworkOptions): void;
  dataset(options: DatasetOptions): void;
  /** Brings in a TOML configuration's datasets, devices, network, faults and thresholds (path relative to the scenario). */
  include(path: string): void;
  /** `interfaces`: a multi-homed device's addresses (a, b, … ; the first is its address), instead of `address`. */
  device(options: { name: string; address?: Address; interfaces?: Address[]; etbTopoCount?: number; opTrainTopoCount?: number }): Device;
  /** The builder of a device defined earlier (by plan.device() or plan.include()), to add telegrams to it. */
  device(name: string): Device;
  /** Adds a fault; returns its name. */
  fault(options: FaultOptions): string;
  /** Milliseconds of a duration ("1m30s" → 90000), read by the engine's own duration grammar. */
  ms(duration: Duration): number;
  /** Declares a parameter; returns the --param value or the default. */
  param<K extends keyof ParamTypes>(name: string, options: { type: K; default: ParamTypes[K] }): ParamTypes[K];

  /** Calls fn at this moment of the run. */
  at(time: Duration, fn: (run: Run) => void): void;
  /** Calls fn this long after the previous at/after entry. */
  after(delay: Duration, fn: (run: Run) => void): void;
  /** Calls fn every period (first at `start`, default one period in), never at or after `until`. */
  every(period: Duration, fn: (run: Run) => void, options?: { start?: Duration; until?: Duration }): void;

  /** Every accepted telegram (or every `sample`th) of the matching subscriptions. */
  on(event: "telegram", fn: (ev: TelegramEvent, run: Run) => void): void;
  on(event: "telegram", filter: HookFilter, fn: (ev: TelegramEvent, run: Run) => void): void;
  /** Every timeout of the matching subscriptions. */
  on(event: "timeout", fn: (ev: TimeoutEvent, run: Run) => void): void;
  on(event: "timeout", filter: TimeoutFilter, fn: (ev: TimeoutEvent, run: Run) => void): void;
  /** Every request to the matching repliers; the return value is the answer (nothing: as planned). */
  on(event: "mdRequest", fn: (req: MdRequestEvent, run: Run) => MdAnswer | null | void): void;
  on(event: "mdRequest", filter: MdRequestFilter, fn: (req: MdRequestEvent, run: Run) => MdAnswer | null | void): void;
  /** Every phase change. */
  on(event: "phase", fn: (ev: PhaseEvent, run: Run) => void): void;
  /** Once, after the run, with its summary. */
  on(event: "end", fn: (summary: RunSummary, run: Run) => void): void;

  /** Appends a load phase (phases play in order from the run start). */
  phase(options: PhaseOptions): void;
  /** How long the scenario is active (default: its phases, or the whole run) and how long it settles. */
  lifecycle(options: { activeFor?: Duration; settle?: Duration }): void;
  /** Declares devices this scenario drives (beyond its faults' and phases' targets). */
  claim(...devices: string[]): void;
  /**
   * Adds pass/fail thresholds on a metric selector such as "pd_loss_ratio{comId=1000}" or
   * "md_rtt{device=a,telegram=ask}" (metrics and tags: configs/README.md, "Thresholds").
   */
  threshold(metric: string, rules: ThresholdRuleText | ThresholdRuleOptions | Array<ThresholdRuleText | ThresholdRuleOptions>): void;
}
