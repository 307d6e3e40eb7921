// What every page shares: the run shown (from the URL), the connection line in the header, a notice area.
import { h } from "./dom";

export interface Context {
  run: string | null;
  /** Sets the header's connection indicator. */
  connection(state: string, detail?: string): void;
  /** Shows the result of an action, or an error, where screen readers hear it. */
  notify(text: string, kind?: "ok" | "error"): void;
  /** Goes to a page (hash route). */
  go(page: string, run?: string | null, extra?: string): void;
}

export function notice(text: string, kind: "ok" | "error" = "ok"): HTMLElement {
  return h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}
