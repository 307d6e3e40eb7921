using Tomlyn.Syntax;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[[threshold]]</c> tables: <c>metric</c>, <c>rule</c> or <c>rules = [...]</c>, and the
/// options <c>over</c>, <c>for</c>, <c>abort-on-fail</c>, <c>grace</c> shared by every rule of the table.</summary>
/// <remarks>A syntax error inside the metric or rule string is reported at the offending character
/// (the string's column plus the offset; exact for strings without escapes).</remarks>
internal static class ThresholdBinder
{
    public static void Bind(List<TomlTableNode> tables, RunPlan plan, PlanErrorSink errors)
    {
        foreach (TomlTableNode table in tables)
        {
            // One table becomes a threshold per rule: each gets the table's key positions.
            var keys = new KeyPositions();
            var reader = new TomlTableReader(table, "[[threshold]]", errors, keys);
            bool hasMetric = reader.TryString("metric", out string metric, out SourceLocation metricAt);
            if (!hasMetric && table.Find("metric") is null)
            {
                reader.Missing("metric");
            }

            var rules = new List<(string Text, SourceLocation At)>();
            if (reader.TryString("rule", out string rule, out SourceLocation ruleAt))
            {
                rules.Add((rule, ruleAt));
            }

            ReadRules(reader, rules);
            if (table.Find("rule") is null && table.Find("rules") is null)
            {
                reader.Missing("rule");
            }
            else if (table.Find("rule") is not null && table.Find("rules") is not null)
            {
                reader.Error("rules", table.Find("rules")!.KeyOrigin, "give either 'rule' or 'rules', not both");
            }

            TimeSpan? over = reader.TryDuration("over", false, out TimeSpan o, out _) ? o : null;
            TimeSpan? sustained = reader.TryDuration("for", false, out TimeSpan f, out _) ? f : null;
            bool abort = reader.Bool("abort-on-fail", false);
            TimeSpan grace = reader.TryDuration("grace", false, out TimeSpan g, out _) ? g : TimeSpan.Zero;
            reader.ReportUnknownKeys();
            if (!hasMetric)
            {
                continue;
            }

            foreach ((string text, SourceLocation at) in rules)
            {
                if (!ThresholdSyntax.TryParse(metric, text, out ThresholdPlan threshold, out ThresholdSyntaxError error))
                {
                    SourceLocation start = error.InMetric ? metricAt : at;
                    errors.Add(start with { Column = start.Column + 1 + error.Offset }, error.Message);
                    if (error.InMetric)
                    {
                        break;
                    }

                    continue;
                }

                threshold.Over = over;
                threshold.For = sustained;
                threshold.AbortOnFail = abort;
                threshold.Grace = grace;
                threshold.Origin = at;
                threshold.Keys.Record("rule", at);
                threshold.Keys.CopyFrom(keys);
                plan.Thresholds.Add(threshold);
            }
        }
    }

    private static void ReadRules(TomlTableReader reader, List<(string Text, SourceLocation At)> rules)
    {
        TomlEntry? entry = reader.Take("rules");
        if (entry is null || entry.IsBroken)
        {
            return;
        }

        if (entry.Value is not ArraySyntax array)
        {
            reader.Error("rules", entry.ValueOrigin, $"'rules' must be an array of rule strings, not {entry.Describe()}");
            return;
        }

        foreach (ArrayItemSyntax item in array.Items)
        {
            if (item.Value is StringValueSyntax { Value: { } text })
            {
                rules.Add((text, reader.Position(item.Value)));
            }
            else if (item.Value is not null)
            {
                reader.Error("rules", reader.Position(item.Value), "'rules' must hold only strings such as \"p(99) < 2ms\"");
            }
        }

        if (array.Items.ChildrenCount == 0)
        {
            reader.Error("rules", entry.ValueOrigin, "'rules' is empty");
        }
    }
}
