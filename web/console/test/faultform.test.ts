import { describe, expect, it } from "vitest";
import type { FaultCatalog } from "../src/api";
import { buildFault, fieldsFor } from "../src/faultform";

const catalog: FaultCatalog = {
  common: [
    { key: "name", type: "text", help: "" }, { key: "kind", type: "word", words: ["loss", "sequence"], help: "" },
    { key: "device", type: "text", help: "" }, { key: "start", type: "duration", help: "" },
  ],
  kinds: [
    { kind: "loss", messageData: false, parameters: [{ key: "probability", type: "number", min: 0, max: 1, help: "" }] },
    { kind: "sequence", messageData: false, parameters: [{ key: "mode", type: "word", words: ["freeze", "jump"], help: "" }, { key: "step", type: "integer", min: 1, help: "" }] },
  ],
};

describe("inject form", () => {
  it("shows the common keys (not kind) and the kind's own", () => {
    expect(fieldsFor(catalog, "loss").map((f) => f.key)).toEqual(["name", "device", "start", "probability"]);
  });
  it("builds the API body with numbers as numbers and leaves empty fields out", () => {
    const { body, errors } = buildFault(catalog, "loss", { name: "door-loss", device: "A", start: "", probability: "0.5" });
    expect(errors).toEqual([]);
    expect(body).toEqual({ kind: "loss", name: "door-loss", device: "A", probability: 0.5 });
  });
  it("refuses what the daemon would refuse before asking it", () => {
    expect(buildFault(catalog, "loss", { device: "A", probability: "1.5" }).errors).toEqual(["'probability': expected a value from 0 to 1"]);
    expect(buildFault(catalog, "loss", { device: "A", probability: "x" }).errors).toEqual(["'probability': expected a number"]);
    expect(buildFault(catalog, "sequence", { mode: "sideways", step: "0" }).errors).toEqual(["'mode': expected one of freeze, jump", "'step': expected at least 1"]);
    expect(buildFault(catalog, "sequence", { step: "1.5" }).errors).toEqual(["'step': expected a whole number"]);
  });
});
