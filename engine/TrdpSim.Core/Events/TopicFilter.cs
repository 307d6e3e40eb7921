namespace TrdpSim.Events;

/// <summary>An immutable set of topic patterns a subscriber wants.</summary>
/// <remarks>
/// A pattern is a topic with wildcards: segments are separated by dots, <c>*</c> stands for exactly one
/// segment, and a <c>*</c> at the end for one or more (<c>run.*</c> is every run topic, <c>pd.*</c> every
/// telegram, <c>pd.door.*</c> every telegram of device <c>door</c>, <c>pd.*.speed</c> telegram <c>speed</c> of
/// every device, <c>*</c> everything). A name that contains dots takes that many segments, so
/// <c>pd.*.speed</c> does not reach a device named <c>car.1</c>; a trailing <c>*</c> does. Matching walks the
/// pattern and the topic in place: no allocation.
/// </remarks>
public sealed class TopicFilter
{
    /// <summary>Longest pattern accepted.</summary>
    public const int MaxPatternLength = 256;

    /// <summary>Most patterns one subscriber may hold.</summary>
    public const int MaxPatterns = 64;

    private readonly string[] _patterns;

    private TopicFilter(string[] patterns) => _patterns = patterns;

    /// <summary>No topic at all.</summary>
    public static TopicFilter None { get; } = new([]);

    /// <summary>Every topic.</summary>
    public static TopicFilter All { get; } = new(["*"]);

    public IReadOnlyList<string> Patterns => _patterns;

    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Checks one pattern; the reason it is not one, or null.</summary>
    public static string? Check(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return "a topic pattern is empty";
        }

        if (pattern.Length > MaxPatternLength)
        {
            return $"topic pattern longer than {MaxPatternLength} characters";
        }

        foreach (var segment in pattern.Split('.'))
        {
            if (segment.Length == 0)
            {
                return $"topic pattern '{pattern}' has an empty segment (two dots, or a dot at an end)";
            }

            if (segment != "*" && segment.Contains('*', StringComparison.Ordinal))
            {
                return $"topic pattern '{pattern}': '*' stands for a whole segment ('pd.*', not 'pd.dev*')";
            }
        }

        return null;
    }

    /// <summary>A filter of checked patterns (see <see cref="Check"/>).</summary>
    /// <exception cref="ArgumentException">A pattern is not valid, or there are too many.</exception>
    public static TopicFilter Of(IEnumerable<string> patterns)
    {
        var set = new List<string>();
        foreach (var pattern in patterns)
        {
            if (Check(pattern) is { } problem)
            {
                throw new ArgumentException(problem, nameof(patterns));
            }

            if (!set.Contains(pattern))
            {
                set.Add(pattern);
            }
        }

        if (set.Count > MaxPatterns)
        {
            throw new ArgumentException($"more than {MaxPatterns} topic patterns", nameof(patterns));
        }

        return new TopicFilter([.. set]);
    }

    /// <summary>This filter with <paramref name="patterns"/> added (each checked).</summary>
    public TopicFilter With(IEnumerable<string> patterns) => Of(_patterns.Concat(patterns));

    /// <summary>This filter without <paramref name="patterns"/> (exact pattern text).</summary>
    public TopicFilter Without(IEnumerable<string> patterns)
    {
        var remove = new HashSet<string>(patterns, StringComparer.Ordinal);
        return new TopicFilter(Array.FindAll(_patterns, p => !remove.Contains(p)));
    }

    /// <summary>Whether <paramref name="topic"/> matches one of the patterns.</summary>
    public bool Matches(string topic)
    {
        foreach (var pattern in _patterns)
        {
            if (PatternMatches(pattern, topic))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one pattern matches one topic.</summary>
    public static bool PatternMatches(string pattern, string topic)
    {
        ReadOnlySpan<char> p = pattern;
        ReadOnlySpan<char> t = topic;
        while (true)
        {
            var pEnd = p.IndexOf('.');
            var pSegment = pEnd < 0 ? p : p[..pEnd];
            var tEnd = t.IndexOf('.');
            var tSegment = tEnd < 0 ? t : t[..tEnd];
            if (pSegment is "*")
            {
                if (pEnd < 0)
                {
                    return tSegment.Length > 0; // a trailing '*': this segment and whatever follows
                }
            }
            else if (!pSegment.SequenceEqual(tSegment))
            {
                return false;
            }

            if (pEnd < 0 || tEnd < 0)
            {
                return pEnd < 0 && tEnd < 0;
            }

            p = p[(pEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }

    public override string ToString() => string.Join(",", _patterns);
}
