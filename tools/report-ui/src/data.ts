// The shape of the run data the engine writes into each report (engine/TrdpSim.Core/Records/Reports/ReportData.cs).
// Times are run seconds at each interval's end; a null is an interval without data for that figure.

export interface Series {
  name: string;
  unit: string;
  values: (number | null)[];
}

export interface Chart {
  title: string;
  unit: string;
  series: Series[];
}

export interface Group {
  label: string;
  charts: Chart[];
}

export interface RunEvent {
  t: number;
  kind: string;
  source: string;
  subject: string;
  detail: string;
}

export interface Span {
  from: number;
  to: number;
  label: string;
}

export interface ReportData {
  id: string;
  t: number[];
  groups: Group[];
  process: Chart[];
  events: RunEvent[];
  faults: Span[];
  breaches: Span[];
}
