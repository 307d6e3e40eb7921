// Numbers as an operator reads them: rates with k/M, durations in µs/ms/s, percentages with sensible digits.

export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(2) + " G";
  if (a >= 1e6) return (n / 1e6).toFixed(2) + " M";
  if (a >= 1e4) return (n / 1e3).toFixed(1) + " k";
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return "–";
  const a = Math.abs(s);
  if (a === 0) return "0";
  if (a < 1e-3) return (s * 1e6).toFixed(a < 1e-5 ? 2 : 1) + " µs";
  if (a < 1) return (s * 1e3).toFixed(a < 1e-2 ? 2 : 1) + " ms";
  return s.toFixed(a < 10 ? 2 : 1) + " s";
}

export function percent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  const p = ratio * 100;
  if (p === 0) return "0 %";
  if (Math.abs(p) < 0.01) return p.toExponential(1) + " %";
  return p.toFixed(Math.abs(p) < 1 ? 3 : 1) + " %";
}

export function elapsed(s: number): string {
  const total = Math.max(0, Math.floor(s));
  const hh = Math.floor(total / 3600), mm = Math.floor((total % 3600) / 60), ss = total % 60;
  const two = (v: number) => String(v).padStart(2, "0");
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${mm}:${two(ss)}`;
}

export function bytes(b: number | null | undefined): string {
  if (b === null || b === undefined || !Number.isFinite(b)) return "–";
  if (b >= 1 << 30) return (b / (1 << 30)).toFixed(2) + " GiB";
  if (b >= 1 << 20) return (b / (1 << 20)).toFixed(1) + " MiB";
  if (b >= 1 << 10) return (b / (1 << 10)).toFixed(1) + " KiB";
  return b + " B";
}
