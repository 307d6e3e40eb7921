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

export interface Device {
  readonly name: string;
  publish(options: PublishOptions): Device;
  subscribe(options: SubscribeOptions): Device;
  pull(options: PullOptions): Device;
  mdCall(options: MdCallOptions): Device;
  mdReply(options: MdReplyOptions): Device;
}

export interface ParamTypes { number: number; string: string; boolean: boolean; duration: Duration; }

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
  /** Always 1 for this API. */
  readonly apiVersion: 1;
  name(name: string): void;
  duration(duration: Duration): void;
  seed(seed: number): void;
  network(options: NetworkOptions): void;
  dataset(options: DatasetOptions): void;
  device(options: { name: string; address: Address; etbTopoCount?: number; opTrainTopoCount?: number }): Device;
  /** Declares a parameter; returns the --param value or the default. */
  param<K extends keyof ParamTypes>(name: string, options: { type: K; default: ParamTypes[K] }): ParamTypes[K];
  /**
   * Adds pass/fail thresholds on a metric selector such as "pd_loss_ratio{comId=1000}" or
   * "md_rtt{device=a,telegram=ask}" (metrics and tags: configs/README.md, "Thresholds").
   */
  threshold(metric: string, rules: ThresholdRuleText | ThresholdRuleOptions | Array<ThresholdRuleText | ThresholdRuleOptions>): void;
}
