using System.Globalization;

namespace TrdpSim.Plan.Thresholds;

/// <summary>Parses k6-style threshold text: selectors such as <c>pd_loss_ratio{comId=1000,device=a}</c>
/// and rules such as <c>p(99) &lt; 2ms</c>, checked against the <see cref="MetricCatalog"/>.</summary>
/// <remarks>
/// Rule grammar: <c>aggregation op limit</c>. Aggregations: <c>count</c>, <c>per_second</c>, <c>rate</c>,
/// <c>value</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>med</c>, <c>p(N)</c>; operators <c>&lt; &lt;= &gt;
/// &gt;= == !=</c>; a limit is a number, with a time unit (<c>ns us µs ms s m h</c>) for latency
/// aggregations or <c>%</c> for ratios. Tag values may be quoted (<c>telegram="door state"</c>).
/// Every error carries the offset of the offending character.
/// </remarks>
internal static class ThresholdSyntax
{
    /// <summary>Parses <paramref name="metricText"/> and <paramref name="ruleText"/> into a plan item with
    /// default options; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string metricText, string ruleText, out ThresholdPlan threshold, out ThresholdSyntaxError error)
    {
        threshold = new ThresholdPlan();
        if (!TryParseSelector(metricText, out MetricSelector selector, out MetricDefinition? metric, out error))
        {
            return false;
        }

        if (!TryParseRule(ruleText, metric, out ThresholdRule rule, out error))
        {
            return false;
        }

        threshold.MetricText = metricText.Trim();
        threshold.Metric = selector;
        threshold.RuleText = ruleText.Trim();
        threshold.Rule = rule;
        return true;
    }

    /// <summary>Checks the mode options of a parsed threshold against its metric; returns the problem
    /// and which option it concerns, or <c>null</c>.</summary>
    public static (string Option, string Problem)? CheckMode(ThresholdPlan threshold)
    {
        MetricDefinition? metric = MetricCatalog.Find(threshold.Metric.Name);
        if (threshold.Over is { } over)
        {
            if (metric?.Kind == MetricKind.Gauge)
            {
                return ("over", $"'{threshold.Metric.Name}' is a gauge (a value now), so it has no windows; use 'for' to require a lasting violation");
            }

            if (over < TimeSpan.FromSeconds(1) || over.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                return ("over", "the window must be a whole number of seconds, at least 1s");
            }
        }

        if (threshold.For is { } sustained && (sustained < TimeSpan.FromSeconds(1) || sustained.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            return ("for", "the sustained time must be a whole number of seconds, at least 1s");
        }

        return null;
    }

    /// <summary>Parses a selector: <c>name</c> or <c>name{tag=value,…}</c>.</summary>
    public static bool TryParseSelector(string text, out MetricSelector selector, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric, out ThresholdSyntaxError error)
    {
        selector = new MetricSelector(string.Empty, []);
        metric = null;
        error = default;
        int i = SkipSpaces(text, 0);
        int nameStart = i;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        string name = text[nameStart..i];
        if (name.Length == 0)
        {
            return Fail(true, i, $"expected a metric name (one of: {MetricCatalog.Names()})", out error);
        }

        metric = MetricCatalog.Find(name);
        if (metric is null)
        {
            return Fail(true, nameStart, $"unknown metric '{name}' (valid: {MetricCatalog.Names()})", out error);
        }

        var tags = new List<TagFilter>();
        i = SkipSpaces(text, i);
        if (i < text.Length && text[i] == '{')
        {
            i = SkipSpaces(text, i + 1);
            while (i < text.Length && text[i] != '}')
            {
                int tagStart = i;
                while (i < text.Length && IsNameChar(text[i]))
                {
                    i++;
                }

                string tag = text[tagStart..i];
                if (tag.Length == 0)
                {
                    return Fail(true, i, "expected a tag name", out error);
                }

                i = SkipSpaces(text, i);
                if (i >= text.Length || text[i] != '=')
                {
                    return Fail(true, i, $"expected '=' after tag '{tag}'", out error);
                }

                i = SkipSpaces(text, i + 1);
                int valueStart = i;
                if (!TryReadTagValue(text, ref i, out string value))
                {
                    return Fail(true, valueStart, "unterminated quoted tag value", out error);
                }

                if (MetricCatalog.CheckTag(metric, tag, value) is { } problem)
                {
                    return Fail(true, Array.IndexOf(metric.Tags, tag) < 0 ? tagStart : valueStart, problem, out error);
                }

                foreach (TagFilter seen in tags)
                {
                    if (seen.Tag == tag)
                    {
                        return Fail(true, tagStart, $"tag '{tag}' is given twice", out error);
                    }
                }

                tags.Add(new TagFilter(tag, value));
                i = SkipSpaces(text, i);
                if (i < text.Length && text[i] == ',')
                {
                    i = SkipSpaces(text, i + 1);
                }
                else if (i < text.Length && text[i] != '}')
                {
                    return Fail(true, i, "expected ',' or '}'", out error);
                }
            }

            if (i >= text.Length)
            {
                return Fail(true, i, "missing '}'", out error);
            }

            i = SkipSpaces(text, i + 1);
        }

        if (i < text.Length)
        {
            return Fail(true, i, $"unexpected '{text[i..]}' after the selector", out error);
        }

        selector = new MetricSelector(name, tags);
        return true;
    }

    /// <summary>Parses a rule for <paramref name="metric"/>: <c>aggregation op limit</c>.</summary>
    public static bool TryParseRule(string text, MetricDefinition metric, out ThresholdRule rule, out ThresholdSyntaxError error)
    {
        rule = new ThresholdRule(ThresholdAggregation.Count, 0, ThresholdComparison.Equal, 0, false);
        error = default;
        int i = SkipSpaces(text, 0);
        int aggregationStart = i;
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        string word = text[aggregationStart..i];
        double percentile = 0;
        ThresholdAggregation? aggregation = word switch
        {
            "count" => ThresholdAggregation.Count,
            "per_second" => ThresholdAggregation.PerSecond,
            "rate" => ThresholdAggregation.Rate,
            "value" => ThresholdAggregation.Value,
            "avg" => ThresholdAggregation.Avg,
            "min" => ThresholdAggregation.Min,
            "max" => ThresholdAggregation.Max,
            "med" => ThresholdAggregation.Median,
            "p" => ThresholdAggregation.Percentile,
            _ => null,
        };
        string valid = ValidAggregations(metric.Kind);
        if (aggregation is not { } agg || !Allowed(metric.Kind, agg))
        {
            string shown = word.Length == 0 ? (i < text.Length ? text[i].ToString() : "nothing") : word;
            return Fail(false, aggregationStart, $"'{shown}' is not an aggregation of '{metric.Name}' ({KindName(metric.Kind)}; valid: {valid})", out error);
        }

        if (agg == ThresholdAggregation.Percentile)
        {
            i = SkipSpaces(text, i);
            if (i >= text.Length || text[i] != '(')
            {
                return Fail(false, i, "expected '(' after p, as in p(99)", out error);
            }

            int numberStart = SkipSpaces(text, i + 1);
            i = numberStart;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (!double.TryParse(text.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percentile)
                || percentile <= 0 || percentile > 100)
            {
                return Fail(false, numberStart, "the percentile must be a number above 0 and at most 100, as in p(99.9)", out error);
            }

            i = SkipSpaces(text, i);
            if (i >= text.Length || text[i] != ')')
            {
                return Fail(false, i, "expected ')'", out error);
            }

            i++;
        }

        i = SkipSpaces(text, i);
        int opStart = i;
        ThresholdComparison? comparison = ReadOperator(text, ref i);
        if (comparison is not { } op)
        {
            return Fail(false, opStart, "expected a comparison: <, <=, >, >=, == or !=", out error);
        }

        i = SkipSpaces(text, i);
        int limitStart = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // An exponent sign only after 'e'; a leading sign only at the start.
            if (text[i] is '-' or '+' && i != limitStart && text[i - 1] is not ('e' or 'E'))
            {
                break;
            }

            i++;
        }

        if (!double.TryParse(text.AsSpan(limitStart, i - limitStart), NumberStyles.Float, CultureInfo.InvariantCulture, out double limit))
        {
            return Fail(false, limitStart, "expected a number after the comparison", out error);
        }

        int unitStart = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        string unit = text[unitStart..i];
        if (SkipSpaces(text, i) < text.Length)
        {
            return Fail(false, SkipSpaces(text, i), $"unexpected '{text[SkipSpaces(text, i)..]}' after the limit", out error);
        }

        bool timed = agg is ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max
            or ThresholdAggregation.Median or ThresholdAggregation.Percentile;
        bool isDuration = false;
        if (timed)
        {
            double perUnit = NanosecondsPer(unit);
            if (perUnit == 0)
            {
                return Fail(false, unit.Length == 0 ? limitStart : unitStart,
                    unit.Length == 0 ? $"a latency limit needs a time unit, as in {text[limitStart..i]}ms (ns, us, ms, s, m, h)" : $"unknown time unit '{unit}' (ns, us, ms, s, m, h)", out error);
            }

            limit *= perUnit;
            isDuration = true;
        }
        else if (unit == "%" && agg is ThresholdAggregation.Rate or ThresholdAggregation.Value && metric.Kind == MetricKind.Ratio)
        {
            limit /= 100;
        }
        else if (unit.Length > 0)
        {
            return Fail(false, unitStart, agg is ThresholdAggregation.Rate or ThresholdAggregation.Value && metric.Kind == MetricKind.Ratio
                ? $"'{unit}' is not a unit for a ratio: write 0.01 or 1%"
                : $"'{word}' is a plain number: remove the unit '{unit}'", out error);
        }

        rule = new ThresholdRule(agg, percentile, op, limit, isDuration);
        return true;
    }

    /// <summary>The aggregations a metric kind accepts, for messages and docs.</summary>
    public static string ValidAggregations(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "count, per_second",
        MetricKind.Ratio => "rate, value",
        MetricKind.Gauge => "value",
        _ => "avg, min, max, med, p(N), count",
    };

    private static bool Allowed(MetricKind kind, ThresholdAggregation aggregation) => kind switch
    {
        MetricKind.Counter => aggregation is ThresholdAggregation.Count or ThresholdAggregation.PerSecond,
        MetricKind.Ratio => aggregation is ThresholdAggregation.Rate or ThresholdAggregation.Value,
        MetricKind.Gauge => aggregation is ThresholdAggregation.Value,
        _ => aggregation is ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max
            or ThresholdAggregation.Median or ThresholdAggregation.Percentile or ThresholdAggregation.Count,
    };

    private static string KindName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "a counter",
        MetricKind.Ratio => "a ratio",
        MetricKind.Gauge => "a gauge",
        _ => "a latency",
    };

    private static ThresholdComparison? ReadOperator(string text, ref int i)
    {
        if (i >= text.Length)
        {
            return null;
        }

        bool equalsNext = i + 1 < text.Length && text[i + 1] == '=';
        ThresholdComparison? op = text[i] switch
        {
            '<' => equalsNext ? ThresholdComparison.LessOrEqual : ThresholdComparison.Less,
            '>' => equalsNext ? ThresholdComparison.GreaterOrEqual : ThresholdComparison.Greater,
            '=' when equalsNext => ThresholdComparison.Equal,
            '!' when equalsNext => ThresholdComparison.NotEqual,
            _ => null,
        };
        if (op is not null)
        {
            i += equalsNext ? 2 : 1;
        }

        return op;
    }

    private static double NanosecondsPer(string unit) => unit switch
    {
        "ns" => 1,
        "us" or "\u00B5s" or "\u03BCs" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" => 60e9,
        "h" => 3600e9,
        _ => 0,
    };

    private static bool TryReadTagValue(string text, ref int i, out string value)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            char quote = text[i];
            int close = text.IndexOf(quote, i + 1);
            if (close < 0)
            {
                value = string.Empty;
                return false;
            }

            value = text[(i + 1)..close];
            i = close + 1;
            return true;
        }

        int start = i;
        while (i < text.Length && text[i] is not (',' or '}') && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        value = text[start..i];
        return true;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool Fail(bool inMetric, int offset, string message, out ThresholdSyntaxError error)
    {
        error = new ThresholdSyntaxError(inMetric, offset, message);
        return false;
    }
}
