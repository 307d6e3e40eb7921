namespace TrdpSim.Plan;

/// <summary>Puts plan errors in the order a reader walks the files: by file, line and column; errors at
/// one place keep their order, and exact repeats are dropped.</summary>
public static class PlanErrorOrder
{
    public static IReadOnlyList<PlanError> Sort(IEnumerable<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var seen = new HashSet<PlanError>();
        var sorted = new List<PlanError>();
        foreach (var error in errors)
        {
            if (seen.Add(error))
            {
                sorted.Add(error);
            }
        }

        // Insertion sort: stable, and error lists are short.
        for (int i = 1; i < sorted.Count; i++)
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
