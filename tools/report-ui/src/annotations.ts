import uPlot from "uplot";
import type { ReportData } from "./data";

// Draws a run's faults (shaded spans), threshold breaches (red spans) and control actions (dashed lines)
// onto every chart, so a change in a curve can be read against what was done to the run at that time.
export function annotations(data: ReportData): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          const ctx = u.ctx;
          const { top, height } = u.bbox;
          const span = (from: number, to: number, fill: string) => {
            const x0 = u.valToPos(from, "x", true);
            const x1 = u.valToPos(to, "x", true);
            ctx.fillStyle = fill;
            ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
          };
          ctx.save();
          for (const f of data.faults) span(f.from, f.to, "rgba(255, 165, 0, 0.18)");
          for (const b of data.breaches) span(b.from, b.to, "rgba(220, 20, 60, 0.15)");
          ctx.setLineDash([4, 4]);
          ctx.strokeStyle = "rgba(60, 60, 200, 0.7)";
          ctx.lineWidth = 1;
          for (const e of data.events) {
            if (e.kind !== "control") continue;
            const x = u.valToPos(e.t, "x", true);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
