// A live uPlot chart over a Series: redrawn at most once a second (paced.ts: every redraw repaints the canvas) and
// then in an animation frame (a hidden or stalled tab draws nothing and keeps only the bounded window), sized to its
// container (1280×800 laptops to 4K screens).
import uPlot from "uplot";
import { h } from "./dom";
import { LIVE_REDRAW_MS, Paced } from "./paced";
import type { Series } from "./series";

const palette = ["#0b62a4", "#b5200d", "#1d7a3a", "#6a3d9a", "#b35900", "#5c5c5c"];

export class LiveChart {
  private readonly plot: uPlot;
  private pending = false;
  private readonly paced = new Paced(LIVE_REDRAW_MS, () => this.draw());
  private readonly resize: ResizeObserver;
  readonly element: HTMLElement;

  constructor(parent: HTMLElement, title: string, unit: string, private readonly series: Series, format?: (v: number) => string) {
    this.element = h("figure", { class: "chart", role: "img", "aria-label": `${title} (${unit}), live` });
    parent.appendChild(this.element);
    const width = Math.max(300, this.element.clientWidth || 480);
    this.plot = new uPlot({
      title,
      width,
      height: 200,
      scales: { x: { time: false } },
      axes: [
        { label: "run time (s)", stroke: "#222" },
        { label: unit, size: 64, stroke: "#222", values: format ? (_u, ticks) => ticks.map(format) : undefined },
      ],
      series: [
        { label: "t (s)" },
        ...series.names.map((name, i) => ({ label: name, stroke: palette[i % palette.length], width: 1.5, spanGaps: true,
          value: format ? (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)) : undefined })),
      ],
      legend: { live: true },
    }, series.data() as uPlot.AlignedData, this.element);
    this.resize = new ResizeObserver(() => {
      const w = Math.max(300, this.element.clientWidth);
      if (Math.abs(w - this.plot.width) > 4) this.plot.setSize({ width: w, height: 200 });
    });
    this.resize.observe(this.element);
  }

  /** Asks for a redraw with the series' current window (at most one a second). */
  update(): void {
    this.paced.request();
  }

  private draw(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData(this.series.data() as uPlot.AlignedData);
      this.element.dataset.points = String(this.series.length);
    });
  }

  destroy(): void {
    this.paced.cancel();
    this.resize.disconnect();
    this.plot.destroy();
  }
}
