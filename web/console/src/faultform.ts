// The inject form's model: the fields of a fault kind (from GET /api/fault-kinds, the engine's own table of
// kinds and keys), the request body built from what was typed, and the checks that can be made before asking
// the daemon. The daemon's answer (POST /api/fault-kinds/validate, the reader that POST …/faults uses) has the
// last word, so the form never accepts what the API would refuse.
import type { FaultCatalog, FaultParameter } from "./api";

export function fieldsFor(catalog: FaultCatalog, kind: string): FaultParameter[] {
  const entry = catalog.kinds.find((k) => k.kind === kind);
  const common = catalog.common.filter((p) => p.key !== "kind");
  return entry ? [...common, ...entry.parameters] : common;
}

/** The JSON body of POST /api/runs/{id}/faults from the form's text values (empty = not given). */
export function buildFault(catalog: FaultCatalog, kind: string, values: Record<string, string>): { body: Record<string, unknown>; errors: string[] } {
  const body: Record<string, unknown> = { kind };
  const errors: string[] = [];
  for (const field of fieldsFor(catalog, kind)) {
    const raw = (values[field.key] ?? "").trim();
    if (raw === "") continue;
    switch (field.type) {
      case "number": {
        const n = Number(raw);
        if (!Number.isFinite(n)) errors.push(`'${field.key}': expected a number`);
        else if ((field.min != null && n < field.min) || (field.max != null && n > field.max)) errors.push(`'${field.key}': expected ${range(field)}`);
        else body[field.key] = n;
        break;
      }
      case "integer": {
        const n = Number(raw);
        if (!Number.isInteger(n)) errors.push(`'${field.key}': expected a whole number`);
        else if ((field.min != null && n < field.min) || (field.max != null && n > field.max)) errors.push(`'${field.key}': expected ${range(field)}`);
        else body[field.key] = n;
        break;
      }
      case "word":
        if (field.words && !field.words.includes(raw)) errors.push(`'${field.key}': expected one of ${field.words.join(", ")}`);
        else body[field.key] = raw;
        break;
      default:
        body[field.key] = raw;
    }
  }
  return { body, errors };
}

function range(field: FaultParameter): string {
  if (field.min != null && field.max != null) return `a value from ${field.min} to ${field.max}`;
  if (field.min != null) return `at least ${field.min}`;
  return `at most ${field.max}`;
}
