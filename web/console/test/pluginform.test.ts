import { describe, expect, it } from "vitest";
import type { PluginParameter } from "../src/api";
import { buildParams, inputFor } from "../src/pluginform";

// As GET /api/plugins lists a pack's [[parameter]] entries.
const parameters: PluginParameter[] = [
  { name: "duration", type: "duration", default: "60s", description: "Length of the run" },
  { name: "rateFactor", type: "number", default: "20", description: "Send rate while babbling, times the cycle rate" },
  { name: "dut", type: "string", default: "127.0.11.2", description: "Address of the device under test" },
  { name: "embeddedDut", type: "boolean", default: "true", description: "" },
];

describe("start form of a plugin pack", () => {
  it("asks for each parameter with an input of its type, the default filled in", () => {
    expect(parameters.map(inputFor).map((i) => [i.name, i.input, i.value, i.checked])).toEqual([
      ["duration", "text", "60s", false], ["rateFactor", "number", "20", false], ["dut", "text", "127.0.11.2", false],
      ["embeddedDut", "checkbox", "true", true],
    ]);
    expect(inputFor(parameters[1]).help).toBe("Send rate while babbling, times the cycle rate — number, default 20");
    expect(inputFor(parameters[3]).help).toBe("boolean, default true");
    expect(inputFor({ name: "off", type: "boolean", default: "false", description: "" }).checked).toBe(false);
  });

  it("sends the defaults as the daemon's params, each with its JSON type", () => {
    const defaults: Record<string, string | boolean> = {};
    for (const i of parameters.map(inputFor)) defaults[i.name] = i.input === "checkbox" ? i.checked : i.value;
    expect(buildParams(parameters, defaults)).toEqual({
      params: { duration: "60s", rateFactor: 20, dut: "127.0.11.2", embeddedDut: true }, errors: [],
    });
  });

  it("sends what was typed, and leaves an emptied number or duration to the pack's default", () => {
    const { params, errors } = buildParams(parameters, { duration: " 1m30s ", rateFactor: "", dut: "127.0.0.9", embeddedDut: false });
    expect(errors).toEqual([]);
    expect(params).toEqual({ duration: "1m30s", dut: "127.0.0.9", embeddedDut: false });
  });

  it("refuses what the daemon would refuse before asking it", () => {
    expect(buildParams(parameters, { duration: "soon", rateFactor: "fast" }).errors).toEqual([
      "'duration': expected a duration such as 100ms, 30s or 1m30s, not 'soon'",
      "'rateFactor': expected a number, not 'fast'",
    ]);
    expect(buildParams(parameters, { duration: "-5s" }).errors).toHaveLength(1);
    expect(buildParams(parameters, { duration: "250us", rateFactor: "-1.5e1" }).params).toEqual({ duration: "250us", rateFactor: -15 });
  });
});
