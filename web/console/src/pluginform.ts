// The start form of a plugin pack: one typed input per parameter its manifest declares (GET /api/plugins), filled
// with the default, and the `params` of POST /api/runs built from what was typed. Checks that can be made here are
// made here; the daemon reads the values as `trdpsim run --param` does and has the last word.
import type { PluginParameter } from "./api";

/** How a parameter is asked for: a number box, a check box, or a text box (strings, durations). */
export interface ParameterInput {
  name: string;
  input: "number" | "checkbox" | "text";
  /** The default, as the input shows it (a check box: "true" or "false"). */
  value: string;
  checked: boolean;
  placeholder: string;
  help: string;
}

export function inputFor(p: PluginParameter): ParameterInput {
  const help = [p.description, `${p.type}, default ${p.default === "" ? "empty" : p.default}`].filter((s) => s.length > 0).join(" — ");
  switch (p.type) {
    case "number": return { name: p.name, input: "number", value: p.default, checked: false, placeholder: p.default, help };
    case "boolean": return { name: p.name, input: "checkbox", value: p.default, checked: p.default === "true", placeholder: "", help };
    case "duration": return { name: p.name, input: "text", value: p.default, checked: false, placeholder: "e.g. 100ms, 30s, 1m30s", help };
    default: return { name: p.name, input: "text", value: p.default, checked: false, placeholder: "", help };
  }
}

// DurationParser's units (us, µs, μs, ms, s, m, h; decimal fractions, sums such as 1m30s; a bare 0).
const duration = /^(?:0|(?:\d+(?:\.\d+)?(?:us|µs|μs|ms|s|m|h))+)$/;

/** The `params` of POST /api/runs: numbers as numbers, booleans as booleans, strings and durations as text. An empty
 * number or duration is left out, so the pack's default applies; a string is sent as typed (it may be empty). */
export function buildParams(parameters: PluginParameter[], values: Record<string, string | boolean>):
  { params: Record<string, string | number | boolean>; errors: string[] } {
  const params: Record<string, string | number | boolean> = {};
  const errors: string[] = [];
  for (const p of parameters) {
    const typed = values[p.name];
    if (typed === undefined) continue;
    if (p.type === "boolean") { params[p.name] = typed === true || typed === "true"; continue; }
    const raw = String(typed);
    if (p.type === "string") { params[p.name] = raw; continue; }
    const text = raw.trim();
    if (text === "") continue;
    if (p.type === "number") {
      const n = Number(text);
      if (!Number.isFinite(n)) errors.push(`'${p.name}': expected a number, not '${text}'`);
      else params[p.name] = n;
    } else if (!duration.test(text)) {
      errors.push(`'${p.name}': expected a duration such as 100ms, 30s or 1m30s, not '${text}'`);
    } else {
      params[p.name] = text;
    }
  }
  return { params, errors };
}
