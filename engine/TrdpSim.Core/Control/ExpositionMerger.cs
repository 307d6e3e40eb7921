using System.Text;

namespace TrdpSim.Control;

/// <summary>Merges several Prometheus text expositions into one: every family once (its HELP and TYPE, then the
/// samples of every source), each run's samples labelled <c>run="&lt;id&gt;"</c>.</summary>
/// <remarks>Each run has a registry of its own (its series are built when the run is composed); a scrape of the
/// daemon must still see every family once, or <c>promtool</c> and Prometheus refuse a second TYPE line.</remarks>
internal static class ExpositionMerger
{
    /// <param name="sources">Each exposition with the run it belongs to (null: the daemon's own, unlabelled).</param>
    public static string Merge(IEnumerable<(string? Run, string Text)> sources)
    {
        var order = new List<string>();
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        foreach (var (run, text) in sources)
        {
            Family? current = null;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var name = line[7..].Split(' ', 2)[0];
                    if (!families.TryGetValue(name, out current))
                    {
                        current = new Family();
                        families[name] = current;
                        order.Add(name);
                    }

                    if (line[2] == 'H')
                    {
                        current.Help ??= line;
                    }
                    else
                    {
                        current.Type ??= line;
                    }

                    continue;
                }

                if (line[0] == '#')
                {
                    continue;
                }

                if (current is null)
                {
                    // A sample without HELP/TYPE: a family of its own named after it.
                    var name = line.Split('{', ' ')[0];
                    if (!families.TryGetValue(name, out current))
                    {
                        current = new Family();
                        families[name] = current;
                        order.Add(name);
                    }
                }

                current.Samples.Add(run is null ? line : Label(line, run));
            }
        }

        var output = new StringBuilder();
        foreach (var name in order)
        {
            var family = families[name];
            if (family.Help is { } help)
            {
                output.Append(help).Append('\n');
            }

            if (family.Type is { } type)
            {
                output.Append(type).Append('\n');
            }

            foreach (var sample in family.Samples)
            {
                output.Append(sample).Append('\n');
            }
        }

        return output.ToString();
    }

    /// <summary>Adds <c>run="…"</c> as the first label of a sample line.</summary>
    internal static string Label(string sample, string run)
    {
        var label = $"run=\"{run}\"";
        var brace = sample.IndexOf('{', StringComparison.Ordinal);
        var space = sample.IndexOf(' ', StringComparison.Ordinal);
        if (brace >= 0 && (space < 0 || brace < space))
        {
            var separator = sample[brace + 1] == '}' ? string.Empty : ",";
            return sample[..(brace + 1)] + label + separator + sample[(brace + 1)..];
        }

        return space < 0 ? sample : sample[..space] + "{" + label + "}" + sample[space..];
    }

    private sealed class Family
    {
        public string? Help { get; set; }

        public string? Type { get; set; }

        public List<string> Samples { get; } = [];
    }
}
