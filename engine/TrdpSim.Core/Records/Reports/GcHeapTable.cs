using System.Globalization;

namespace TrdpSim.Records.Reports;

/// <summary>The report's answer to "does the run keep memory, or has it only not collected it yet?": the heap after
/// each full collection the intervals saw, against the heap and generation 2 at the end.</summary>
/// <remarks>A heap after full collections that is level from one to the next while the heap between them grows is
/// garbage promoted to generation 2, which the next full collection frees; a rising one is memory the run keeps.</remarks>
internal static class GcHeapTable
{
    /// <summary>At most this many full collections are listed (the newest).</summary>
    public const int Rows = 12;

    /// <summary>One row per full collection (first interval that saw it), the newest <see cref="Rows"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> FullCollections(IReadOnlyList<ProcessRow> process)
    {
        var rows = new List<IReadOnlyList<string>>();
        long seen = 0;
        foreach (ProcessRow p in process)
        {
            if (p.GcHeap.FullCollectionIndex > seen)
            {
                seen = p.GcHeap.FullCollectionIndex;
                rows.Add(["#" + RunReport.Seconds(p.EndMilliseconds), "#" + seen.ToString(CultureInfo.InvariantCulture),
                    "#" + MiB(p.GcHeap.FullHeapBytes), "#" + MiB(p.GcHeap.FullFragmentedBytes)]);
            }
        }

        return rows.Count > Rows ? rows.GetRange(rows.Count - Rows, Rows) : rows;
    }

    /// <summary>One sentence on the last interval: heap and generation 2 now against the heap after the last full
    /// collection; null for runs stored before these figures were recorded.</summary>
    public static string? Summary(IReadOnlyList<ProcessRow> process)
    {
        if (process.Count == 0 || process[^1].GcHeap == default)
        {
            return null;
        }

        ProcessRow last = process[^1];
        string now = $"At the end the managed heap was {MiB(last.HeapBytes)}, generation 2 {MiB(last.GcHeap.Gen2Bytes)}";
        return last.GcHeap.FullCollectionIndex == 0
            ? now + "; no full collection ran, so none of it is known to be alive."
            : now + $"; after the last full collection the heap was {MiB(last.GcHeap.FullHeapBytes)} ({MiB(last.GcHeap.FullFragmentedBytes)} of it free): " +
              "what grew since then is garbage awaiting a full collection or memory kept — a heap after full collections that rises from one to the next is kept.";
    }

    private static string MiB(long bytes) => FormattableString.Invariant($"{bytes / 1048576.0:0.0} MiB");
}
