// TypeScript declarations for trdpsim scenario API v1 (plugins/README.md). For editors only:
// scenarios are plain JavaScript ES modules: `export default function (plan: Plan) { ... }`.

/** "250us", "100ms", "1.5s", "2m", "1h", "1m30s". */
export type Duration = string;
/** Dotted-quad IPv4 address "a.b.c.d". */
export type Address = string;

export interface NetworkOptions {
  pdPort?: number; mdPort?: number; pdQos?: number; pdTtl?: number; mdQos?: number; mdTtl?: number;
  mdReplyTimeout?: Duration; mdMaxSessions?: number; defaultPdTimeout?: Duration;
  trafficShaping?: boolean; wheelTick?: Duration;
}

export interface DatasetElement { name: string; type: string; arraySize?: number; }
export interface DatasetOptions { id: number; name?: string; elements?: DatasetElement[]; }

export interface FieldGenerator {
  field: string; kind?: "constant" | "counter" | "ramp" | "random" | "sequence";
  value?: number; step?: number; min?: number; max?: number; values?: number[];
}

export interface PublishOptions {
  name?: string; comId: number; count?: number; comIdStep?: number; dataset?: number; payloadLength?: number;
  cycle?: Duration; offset?: Duration; destination?: Address; destinationPort?: number;
  etbTopoCount?: number; opTrainTopoCount?: number; redundancyGroup?: number; fields?: FieldGenerator[];
}

export interface SubscribeOptions {
  name?: string; comId: number; count?: number; comIdStep?: number; source?: Address; source2?: Address;
  destination?: Address; timeout?: Duration | "infinite"; timeoutBehavior?: "zero" | "keep";
  etbTopoCount?: number; opTrainTopoCount?: number; expectedCycle?: Duration;
}

export interface PullOptions {
  name?: string; comId: number; replyComId?: number; target: Address; replyAddress?: Address;
  interval?: Duration; timeout?: Duration;
}

export interface MdCallOptions {
  name?: string; comId: number; kind?: "request" | "notify"; protocol?: "udp" | "tcp"; destination: Address;
  destinationPort?: number; rate?: number; count?: number; maxOutstanding?: number; replyTimeout?: Duration;
  expectedReplies?: number; retries?: number; confirmStatus?: number; sourceUri?: string; destinationUri?: string;
  dataset?: number; payloadLength?: number; fields?: FieldGenerator[]; etbTopoCount?: number; opTrainTopoCount?: number;
}

export interface MdReplyOptions {
  name?: string; comId: number; protocol?: "udp" | "tcp"; source?: Address; group?: Address;
  sourceUriFilter?: string; destinationUriFilter?: string; reply?: "reply" | "reply-with-confirm";
  replyComId?: number; userStatus?: number; confirmTimeout?: Duration;
  /** Distribution spec, e.g. "constant:0", "lognormal:median=2ms,p99=20ms". */
  delay?: string;
  noReplyProbability?: number; errorProbability?: number; errorStatus?: number; lateReplyProbability?: number;
  sourceUri?: string; dataset?: number; payloadLength?: number; fields?: FieldGenerator[];
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
  mdCall(options: MdCallOptions): Device;
  mdReply(options: MdReplyOptions): Device;
}

export interface ParamTypes { number: number; string: string; boolean: boolean; duration: Duration; }

export interface Plan {
  /** Always 1 for this API. */
  readonly apiVersion: 1;
  name(name: string): void;
  duration(duration: Duration): void;
  seed(seed: number): void;
  network(options: NetworkOptions): void;
  dataset(options: DatasetOptions): void;
  device(options: { name: string; address: Address; etbTopoCount?: number; opTrainTopoCount?: number }): Device;
  /** Adds a fault; returns its name. */
  fault(options: FaultOptions): string;
  /** Declares a parameter; returns the --param value or the default. */
  param<K extends keyof ParamTypes>(name: string, options: { type: K; default: ParamTypes[K] }): ParamTypes[K];
}
