using System.Globalization;
using System.Text;
using TrdpSim.Records.Analysis;

namespace TrdpSim.Records.Reports;

/// <summary>A <see cref="RunComparison"/> as a text table (differences beyond noise marked) and as an HTML page.</summary>
internal static class ComparisonReport
{
    private static readonly string[] Header = ["group", "figure", "A", "B", "change", "p", "flag", "note"];

    public static string Text(RunComparison comparison, bool all)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.Append("A: ").Append(Describe(comparison.A.Run)).Append('\n');
        text.Append("B: ").Append(Describe(comparison.B.Run)).Append('\n');
        if (comparison.A.Run.ScenarioKey != comparison.B.Run.ScenarioKey)
        {
            text.Append("note: the runs played different scenarios (").Append(comparison.A.Run.ScenarioKey).Append(" / ")
                .Append(comparison.B.Run.ScenarioKey).Append(")\n");
        }

        List<string[]> rows = [Header];
        int hidden = 0;
        foreach (ComparisonRow row in comparison.Rows)
        {
            if (!all && !row.BeyondNoise && row.Flag == ChangeFlag.Normal)
            {
                hidden++;
                continue;
            }

            rows.Add(Cells(row, marked: true));
        }

        if (rows.Count == 1)
        {
            text.Append("\nno difference beyond noise");
        }
        else
        {
            int[] widths = new int[Header.Length];
            foreach (string[] row in rows)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    widths[i] = Math.Max(widths[i], row[i].Length);
                }
            }

            text.Append('\n');
            foreach (string[] row in rows)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    text.Append(i is >= 2 and <= 5 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
                    text.Append(i + 1 < row.Length ? "  " : string.Empty);
                }

                text.Append('\n');
            }
        }

        if (hidden > 0)
        {
            text.Append('\n').Append(hidden.ToString(CultureInfo.InvariantCulture)).Append(" figure(s) within noise not shown (--all shows them)");
        }

        text.Append("\nverdict on B: ").Append(ComparisonRules.Label(comparison.Worst)).Append('\n');
        return text.ToString();
    }

    public static string Html(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var page = new HtmlPage();
        page.Heading(1, $"trdpsim compare {comparison.A.Run.Id} → {comparison.B.Run.Id}");
        page.Table(["", "run", "plan", "state", "verdict", "played", "intervals"], new[] { ("A", comparison.A.Run), ("B", comparison.B.Run) }.Select(x => (IReadOnlyList<string>)
            [x.Item1, x.Item2.Id, x.Item2.Name, RunStates.Label(x.Item2.State), x.Item2.Verdict ?? "–", RunReport.Seconds((long)x.Item2.Duration.TotalMilliseconds),
             "#" + x.Item2.Intervals.ToString(CultureInfo.InvariantCulture)]));
        string worst = ComparisonRules.Label(comparison.Worst);
        page.Raw($"<p>Verdict on B: <span class=\"flag-{worst}\">{worst}</span>. A difference is beyond noise when the Mann-Whitney test over the " +
                 $"steady intervals gives p &lt; {ComparisonRules.Significance.ToString(CultureInfo.InvariantCulture)} and the medians differ by at least " +
                 $"{ComparisonRules.WarningChange * 100:0} % and by the figure's floor; worse by {ComparisonRules.CriticalChange * 100:0} % or more is critical.</p>\n");
        page.Table(Header, comparison.Rows.Select(r => (IReadOnlyList<string>)Cells(r, marked: false)), new HashSet<int> { 6 });
        return page.Render($"trdpsim compare {comparison.A.Run.Id} {comparison.B.Run.Id}", dataJson: null);
    }

    private static string[] Cells(ComparisonRow row, bool marked)
    {
        string flag = ComparisonRules.Label(row.Flag);
        return
        [
            row.Group,
            row.Metric.Name,
            (marked ? "" : "#") + row.Metric.Format(row.A),
            (marked ? "" : "#") + row.Metric.Format(row.B),
            (marked ? "" : "#") + RunReport.Percent(row.RelativeChange),
            (marked ? "" : "#") + row.P.ToString("0.####", CultureInfo.InvariantCulture),
            marked ? (row.BeyondNoise ? "*" + flag : flag) : $"flag-{flag}|{flag}",
            row.Note,
        ];
    }

    private static string Describe(StoredRun run) =>
        $"{run.Id} {run.Name} ({RunStates.Label(run.State)}, {run.Verdict ?? "no verdict"}, {run.Intervals} intervals of {RunReport.Seconds(run.IntervalMilliseconds)})";
}
