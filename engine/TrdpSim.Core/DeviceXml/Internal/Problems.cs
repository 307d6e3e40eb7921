using System.Globalization;
using System.Text;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Collects the errors and warnings of reading a train's device files.</summary>
/// <remarks>Items that are read but not played are reported once per kind — one warning that names the
/// item, why, and every place it occurs — instead of once per occurrence, so a real configuration with
/// hundreds of SDT parameters gives one line, not hundreds, and nothing is dropped silently.</remarks>
internal sealed class Problems
{
    /// <summary>Places listed per grouped warning before "and N more".</summary>
    private const int ListedPlaces = 6;

    private readonly List<PlanError> _errors = [];
    private readonly HashSet<PlanError> _seen = [];
    private readonly List<Group> _groups = [];
    private readonly Dictionary<string, Group> _byKey = new(StringComparer.Ordinal);

    public int ErrorCount => _errors.Count;

    public void Error(SourceLocation at, string message)
    {
        var error = new PlanError(at, message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>An item read and deliberately not played (no meaning on the wire, or outside what trdpsim simulates).</summary>
    public void Ignored(string what, string why, SourceLocation at) => Add("ignored", what, why, at);

    /// <summary>An item the plan will carry once the engine plays it; today the run goes without it.</summary>
    public void NotPlayedYet(string what, string why, SourceLocation at) => Add("not played yet", what, why, at);

    /// <summary>Something the format does not define.</summary>
    public void Unknown(string what, SourceLocation at) =>
        Add("ignored", what, "not part of TCNopen's device configuration (trdp-config.xsd)", at);

    public IReadOnlyList<PlanError> SortedErrors()
    {
        var sorted = new List<PlanError>(_errors);
        sorted.Sort((a, b) => Compare(a.Location, b.Location));
        return sorted;
    }

    /// <summary>One warning per grouped item, at its first place, listing the others.</summary>
    public IReadOnlyList<PlanWarning> Warnings()
    {
        var warnings = new List<PlanWarning>(_groups.Count);
        foreach (Group group in _groups)
        {
            group.Places.Sort(Compare);
            var text = new StringBuilder().Append(group.What).Append(' ').Append(group.Kind).Append(": ").Append(group.Why);
            if (group.Places.Count > 1)
            {
                text.Append(" (also at ");
                int listed = Math.Min(group.Places.Count - 1, ListedPlaces);
                for (int i = 1; i <= listed; i++)
                {
                    text.Append(i == 1 ? string.Empty : ", ").Append(group.Places[i]);
                }

                int more = group.Places.Count - 1 - listed;
                if (more > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" and {more} more");
                }

                text.Append(')');
            }

            warnings.Add(new PlanWarning(group.Places[0], text.ToString()));
        }

        warnings.Sort((a, b) => Compare(a.Location, b.Location));
        return warnings;
    }

    private void Add(string kind, string what, string why, SourceLocation at)
    {
        string key = kind + "\n" + what + "\n" + why;
        if (!_byKey.TryGetValue(key, out Group? group))
        {
            group = new Group(kind, what, why);
            _byKey.Add(key, group);
            _groups.Add(group);
        }

        group.Places.Add(at);
    }

    private static int Compare(SourceLocation a, SourceLocation b)
    {
        int byFile = string.CompareOrdinal(a.File, b.File);
        if (byFile != 0)
        {
            return byFile;
        }

        return a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
    }

    private sealed class Group(string kind, string what, string why)
    {
        public string Kind { get; } = kind;

        public string What { get; } = what;

        public string Why { get; } = why;

        public List<SourceLocation> Places { get; } = [];
    }
}
