// The Telegram page's list of fields. A dataset may have hundreds of fields (nested arrays of structures), and
// every field shown is read once a second (GET …/fields/{f}), so the page shows them a page at a time, narrowed by
// a search on the field's path: every field is reachable, and the reads per second stay at one page's worth.
import type { TopologyField } from "./api";

/** Fields per page: one screen, and the reads of one refresh. */
export const fieldsPerPage = 25;

export interface FieldPage {
  /** The fields shown, in dataset order. */
  fields: TopologyField[];
  /** The page shown (from 0), clamped to the pages there are. */
  page: number;
  /** Pages of the matching fields (at least 1, also when none matches). */
  pages: number;
  /** Index (from 0) of the first field shown among the matching ones. */
  first: number;
  /** Fields whose path holds the search text. */
  matching: number;
  /** Fields of the dataset. */
  total: number;
}

/** Whether a field's path holds the search text (case-insensitive; an empty search matches every field). */
export function matchesField(field: TopologyField, search: string): boolean {
  const wanted = search.trim().toLowerCase();
  return wanted === "" || field.path.toLowerCase().includes(wanted);
}

/** The fields on page <page> of those that match <search>; a page past the end shows the last one. */
export function fieldPage(fields: TopologyField[], search: string, page: number, size = fieldsPerPage): FieldPage {
  const matching = fields.filter((f) => matchesField(f, search));
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const shown = Math.min(Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)), pages - 1);
  const first = shown * size;
  return { fields: matching.slice(first, first + size), page: shown, pages, first, matching: matching.length, total: fields.length };
}

/** "Fields 26–50 of 300", "Fields 1–11 of 11 matching 'door' (300 in all)", "No field matches 'x' (300 in all)". */
export function describePage(p: FieldPage, search: string): string {
  const wanted = search.trim();
  if (p.matching === 0) return wanted === "" ? "No field." : `No field matches '${wanted}' (${p.total} in all).`;
  const range = `Fields ${p.first + 1}–${p.first + p.fields.length} of ${p.matching}`;
  return wanted === "" ? `${range}.` : `${range} matching '${wanted}' (${p.total} in all).`;
}
