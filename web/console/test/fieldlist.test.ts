import { describe, expect, it } from "vitest";
import type { TopologyField } from "../src/api";
import { describePage, fieldPage, fieldsPerPage } from "../src/fieldlist";

// A 300-field dataset: ten cars of thirty signals each (car[0].signal00 … car[9].signal29).
const dataset: TopologyField[] = Array.from({ length: 300 }, (_, i) => ({
  path: `car[${Math.floor(i / 30)}].signal${String(i % 30).padStart(2, "0")}`, type: i % 2 === 0 ? "UINT16" : "BOOL8",
}));

describe("field list of the Telegram page", () => {
  it("reaches every field of a 300-field dataset, each on exactly one page, in dataset order", () => {
    const first = fieldPage(dataset, "", 0);
    expect(first.pages).toBe(Math.ceil(300 / fieldsPerPage));
    const seen: string[] = [];
    for (let page = 0; page < first.pages; page++) {
      const p = fieldPage(dataset, "", page);
      expect(p.fields.length).toBeLessThanOrEqual(fieldsPerPage);
      seen.push(...p.fields.map((f) => f.path));
    }
    expect(seen).toEqual(dataset.map((f) => f.path));
    expect(fieldPage(dataset, "", first.pages - 1).fields.at(-1)!.path).toBe("car[9].signal29");
  });

  it("shows at most one page of fields, so a refresh reads at most a page's worth", () => {
    const p = fieldPage(dataset, "", 3);
    expect(p.fields.map((f) => f.path)).toEqual(dataset.slice(3 * fieldsPerPage, 4 * fieldsPerPage).map((f) => f.path));
    expect(describePage(p, "")).toBe(`Fields ${3 * fieldsPerPage + 1}–${4 * fieldsPerPage} of 300.`);
  });

  it("searches by field name, case-insensitively, and pages the matches", () => {
    const p = fieldPage(dataset, "  CAR[7]  ", 0);
    expect(p.matching).toBe(30);
    expect(p.fields.every((f) => f.path.startsWith("car[7]."))).toBe(true);
    expect(p.fields[0].path).toBe("car[7].signal00");
    expect(fieldPage(dataset, "car[7]", 1).fields.at(-1)!.path).toBe("car[7].signal29");
    expect(describePage(p, "  CAR[7]  ")).toBe(`Fields 1–${fieldsPerPage} of 30 matching 'CAR[7]' (300 in all).`);
    const last = fieldPage(dataset, "signal29", 0);
    expect(last.fields.map((f) => f.path)).toEqual(Array.from({ length: 10 }, (_, car) => `car[${car}].signal29`));
  });

  it("keeps the page in range when the search narrows the list, and says when nothing matches", () => {
    expect(fieldPage(dataset, "signal29", 7).page).toBe(0);
    expect(fieldPage(dataset, "", 99).page).toBe(fieldPage(dataset, "", 0).pages - 1);
    expect(fieldPage(dataset, "", -3).page).toBe(0);
    const none = fieldPage(dataset, "speed", 0);
    expect(none).toMatchObject({ fields: [], page: 0, pages: 1, matching: 0, total: 300 });
    expect(describePage(none, "speed")).toBe("No field matches 'speed' (300 in all).");
  });
});
