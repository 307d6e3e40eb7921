using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Collects errors while a source is read, dropping exact repeats, and sorts them by position.</summary>
internal sealed class PlanErrorSink
{
    private readonly List<PlanError> _errors = [];
    private readonly HashSet<PlanError> _seen = [];

    public int Count => _errors.Count;

    public void Add(SourceLocation at, string message)
    {
        var error = new PlanError(at, message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>The errors sorted by line and column; errors at the same place keep their order.</summary>
    public IReadOnlyList<PlanError> ToSortedList()
    {
        var sorted = new PlanError[_errors.Count];
        _errors.CopyTo(sorted);

        // Insertion sort: stable, and error lists are short.
        for (int i = 1; i < sorted.Length; i++)
        {
            PlanError item = sorted[i];
            int j = i - 1;
            while (j >= 0 && Compare(sorted[j].Location, item.Location) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = item;
        }

        return sorted;
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
}
