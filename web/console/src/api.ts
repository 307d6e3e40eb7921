// The daemon's REST API as the console uses it: every change goes through these endpoints (and so through the
// run's RunControl); the page holds no engine logic. Errors are RFC 7807 problem details: their `detail` is shown.
import { readToken } from "./token";

export interface Counters {
  sent: number; sendFailures: number; struck: number; droppedCycles: number; delayed: number;
  received: number; lost: number; restarts: number; sequenceJumps: number; duplicates: number; outOfOrder: number;
  timeouts: number; timedOut: boolean; topoRejects: number;
  pullRequests: number; pullReplies: number; pullLateReplies: number; pullUnmatchedReplies: number; pullDuplicates: number;
}
export interface RunItem {
  id: string; name: string; state: string; files: string[]; createdUtc: string; startedUtc: string | null;
  stoppedUtc: string | null; elapsedSeconds: number; durationSeconds: number | null;
}
export interface TelegramDto { device: string; name: string; role: string; comId: number; instances: number; counters: Counters; }
export interface FaultStatus { name: string; kind: string; target: string; intensity: number; strikes: number; targetCount: number; }
export interface ScenarioDto { name: string; state: string; phase: string | null; error: string | null; }
export interface ParameterDto { name: string; type: string; value: string; file: string; }
export interface AuditEvent { utc: string; action: string; target: string; detail: string; actor: string; undo: boolean; }
export interface Outcome { stopReason: string; thresholdsPassed: boolean; failedThresholds: string[]; engineErrors: number; scenarioErrors: string[]; abortReason: string | null; }
export interface RunDetail extends RunItem {
  seed: number; totals: Counters; telegrams: TelegramDto[]; faults: FaultStatus[]; scenarios: ScenarioDto[];
  parameters: ParameterDto[]; audit: AuditEvent[]; auditTotal: number; outcome: Outcome | null;
}
export interface FieldReading {
  device: string; telegram: string; role: string; field: string; type: string; hasValue: boolean; value: number; text: string; generated: boolean; locked: boolean;
}
export interface ActionResponse { run: string; subject: string; message: string; state: string; }
export interface FaultParameter { key: string; type: "number" | "integer" | "duration" | "text" | "word"; min?: number | null; max?: number | null; words?: string[] | null; help: string; }
export interface FaultKind { kind: string; messageData: boolean; parameters: FaultParameter[]; }
export interface FaultCatalog { common: FaultParameter[]; kinds: FaultKind[]; }
export interface FaultValidation { valid: boolean; errors: string[]; }
export interface TopologyField { path: string; type: string; }
export interface TopologyTelegram {
  id: string; device: string; name: string; kind: "pd" | "pull" | "md"; role: string; comId: number; count: number;
  cycleSeconds: number | null; fields: TopologyField[];
}
export interface TopologyLink { from: string; to: string; comId: number; kind: "pd" | "pull" | "md"; }
export interface Topology { run: string; devices: { name: string; address: string }[]; telegrams: TopologyTelegram[]; links: TopologyLink[]; }
/** A parameter a plugin pack declares (its manifest's [[parameter]]): the default as `--param` text. */
export interface PluginParameter { name: string; type: "number" | "string" | "boolean" | "duration"; default: string; description: string; }
export interface PluginDto {
  folder: string; name: string | null; version: string | null; apiVersion: number | null; description: string | null; problem: string | null;
  parameters: PluginParameter[];
}

/** A run in the daemon's run store (GET /api/store/runs): every recorded run, also those of earlier daemons. */
export interface StoredRunItem {
  id: string; name: string; state: string; startedUtc: string | null; stoppedUtc: string | null; stopReason: string | null;
  durationSeconds: number; intervals: number; verdict: string | null; seed: number; version: string;
}
export type ChangeFlag = "normal" | "warning" | "critical";
export interface StoredComparisonRow {
  group: string; figure: string; unit: string; a: number | null; b: number | null; aText: string; bText: string;
  change: number | null; changeText: string; p: number; beyondNoise: boolean; flag: ChangeFlag; note: string;
}
/** GET /api/store/runs/compare?a=&b=: what `trdpsim compare a b` prints. */
export interface StoredComparison { a: StoredRunItem; b: StoredRunItem; sameScenario: boolean; worst: ChangeFlag; rows: StoredComparisonRow[]; text: string; }

export class ApiError extends Error {
  constructor(public readonly status: number, message: string) { super(message); }
}

/** Calls the API; a problem answer becomes an ApiError with the daemon's own words. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text.length > 0 && (response.headers.get("Content-Type") ?? "").includes("json") ? JSON.parse(text) : text;
  if (!response.ok) {
    const detail = typeof parsed === "object" && parsed && "detail" in parsed ? String(parsed.detail) : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, response.status === 401 ? `${detail} — set the token (Token button)` : detail);
  }
  return parsed as T;
}

/** A stored run's HTML report as a blob, fetched with the token in its header (never in a URL a tab could keep). */
export async function storedReport(id: string): Promise<Blob> {
  const token = readToken();
  const response = await fetch(`/api/store/runs/${encodeURIComponent(id)}/report`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const text = await response.text();
    let detail = `${response.status} ${response.statusText}`;
    try { detail = String(JSON.parse(text).detail ?? detail); } catch { /* not a problem document */ }
    throw new ApiError(response.status, response.status === 401 ? `${detail} — set the token (Token button)` : detail);
  }
  return new Blob([await response.arrayBuffer()], { type: "text/html" });
}

const enc = encodeURIComponent;
export const api = {
  runs: () => call<RunItem[]>("GET", "/api/runs"),
  run: (id: string) => call<RunDetail>("GET", `/api/runs/${enc(id)}`),
  start: (files: string[], duration?: string, params?: Record<string, string | number | boolean>) =>
    call<{ id: string }>("POST", "/api/runs", params ? { files, duration: duration || null, params } : { files, duration: duration || null }),
  act: (id: string, verb: "pause" | "resume" | "stop" | "reset") => call<ActionResponse>("POST", `/api/runs/${enc(id)}/${verb}`),
  faults: (id: string) => call<FaultStatus[]>("GET", `/api/runs/${enc(id)}/faults`),
  inject: (id: string, fault: Record<string, unknown>) => call<ActionResponse>("POST", `/api/runs/${enc(id)}/faults`, fault),
  repair: (id: string, name: string) => call<ActionResponse>("DELETE", `/api/runs/${enc(id)}/faults/${enc(name)}`),
  faultKinds: () => call<FaultCatalog>("GET", "/api/fault-kinds"),
  validateFault: (fault: Record<string, unknown>) => call<FaultValidation>("POST", "/api/fault-kinds/validate", fault),
  topology: (id: string) => call<Topology>("GET", `/api/runs/${enc(id)}/topology`),
  field: (id: string, telegram: string, field: string, device?: string) =>
    call<{ run: string; readings: FieldReading[] }>("GET", `/api/runs/${enc(id)}/telegrams/${enc(telegram)}/fields/${enc(field)}${device ? `?device=${enc(device)}` : ""}`),
  setField: (id: string, telegram: string, field: string, value: number, device?: string) =>
    call<ActionResponse>("PUT", `/api/runs/${enc(id)}/telegrams/${enc(telegram)}/fields/${enc(field)}${device ? `?device=${enc(device)}` : ""}`, { value }),
  lockField: (id: string, telegram: string, field: string, value: number | null, device?: string) =>
    call<ActionResponse>("POST", `/api/runs/${enc(id)}/telegrams/${enc(telegram)}/fields/${enc(field)}/lock${device ? `?device=${enc(device)}` : ""}`, { value }),
  unlockField: (id: string, telegram: string, field: string, device?: string) =>
    call<ActionResponse>("POST", `/api/runs/${enc(id)}/telegrams/${enc(telegram)}/fields/${enc(field)}/unlock${device ? `?device=${enc(device)}` : ""}`),
  scenario: (id: string, name: string, verb: "stop" | "reset") => call<ActionResponse>("POST", `/api/runs/${enc(id)}/scenarios/${enc(name)}/${verb}`),
  plugins: () => call<PluginDto[]>("GET", "/api/plugins"),
  storedRuns: () => call<StoredRunItem[]>("GET", "/api/store/runs"),
  compareStored: (a: string, b: string) => call<StoredComparison>("GET", `/api/store/runs/compare?a=${enc(a)}&b=${enc(b)}`),
  checkToken: () => call<{ ok: boolean }>("GET", "/api/token/check"),
};
