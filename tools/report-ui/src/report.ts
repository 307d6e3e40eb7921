import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./report.css";
import { annotations } from "./annotations";
import type { Chart, ReportData } from "./data";

// Builds the report's charts from the run data embedded in the page (<script id="run-data">): one row of
// charts per telegram group (rates and loss, latency percentiles), then the process's figures.
const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

function readData(): ReportData {
  const element = document.getElementById("run-data");
  if (!element || !element.textContent) throw new Error("report: no run data in the page");
  return JSON.parse(element.textContent) as ReportData;
}

function plot(container: HTMLElement, data: ReportData, chart: Chart): void {
  const figure = document.createElement("div");
  figure.className = "chart";
  container.appendChild(figure);
  if (data.t.length === 0 || chart.series.every((s) => s.values.every((v) => v === null))) {
    figure.textContent = `${chart.title}: no data`;
    figure.classList.add("empty");
    return;
  }
  const aligned: uPlot.AlignedData = [data.t, ...chart.series.map((s) => s.values)];
  const options: uPlot.Options = {
    title: chart.title,
    width: Math.max(320, Math.min(560, container.clientWidth / 2 - 24)),
    height: 220,
    // Run time from 0, so a fault at the start of the run is drawn where it began.
    scales: { x: { time: false, range: (_u, _min, max) => [0, max] } },
    axes: [
      { label: "run time (s)" },
      { label: chart.unit, size: 60 },
    ],
    series: [
      { label: "t (s)" },
      ...chart.series.map((s, i) => ({
        label: s.name,
        stroke: palette[i % palette.length],
        width: 1.5,
        spanGaps: false,
        points: { show: data.t.length < 60 },
      })),
    ],
    plugins: [annotations(data)],
  };
  new uPlot(options, aligned, figure);
}

function render(): void {
  const data = readData();
  const root = document.getElementById("charts");
  if (!root) return;
  for (const group of data.groups) {
    const section = document.createElement("section");
    section.className = "group";
    const heading = document.createElement("h3");
    heading.textContent = group.label;
    section.appendChild(heading);
    const row = document.createElement("div");
    row.className = "row";
    section.appendChild(row);
    root.appendChild(section);
    for (const chart of group.charts) plot(row, data, chart);
  }
  const processRoot = document.getElementById("process-charts");
  if (processRoot) {
    const row = document.createElement("div");
    row.className = "row";
    processRoot.appendChild(row);
    for (const chart of data.process) plot(row, data, chart);
  }
  document.body.dataset.rendered = "true";
}

render();
