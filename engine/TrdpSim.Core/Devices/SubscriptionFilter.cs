namespace TrdpSim.Devices;

/// <summary>Which telegrams a subscription accepts beyond its ComId (trdp-wire.md §7.3 step 7–8).</summary>
/// <param name="Source">Accepted source address, 0 = any.</param>
/// <param name="Source2">Second accepted source (redundant partner), 0 = none.</param>
/// <param name="EtbTopoCount">ETB topography filter, 0 = don't care.</param>
/// <param name="OpTrainTopoCount">Operational-train topography filter, 0 = don't care.</param>
internal readonly record struct SubscriptionFilter(uint Source, uint Source2, uint EtbTopoCount, uint OpTrainTopoCount)
{
    /// <summary>Whether a telegram from <paramref name="source"/> passes the address filter.</summary>
    public bool SourceMatches(uint source) => Source == 0 || source == Source || (Source2 != 0 && source == Source2) || PathOf(source) >= 0;

    /// <summary>Every address of a multi-homed source (its interfaces a, b, … in order) when <see cref="Source"/> names
    /// one of them; null otherwise.</summary>
    public uint[]? Paths { get; init; }

    /// <summary>The interface of the multi-homed source that <paramref name="source"/> is, or -1.</summary>
    public int PathOf(uint source)
    {
        if (Paths is { } paths)
        {
            for (var i = 0; i < paths.Length; i++)
            {
                if (paths[i] == source)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>TCNopen's rule: a filter value of 0 matches anything, otherwise it must be equal.</summary>
    public bool TopoMatches(uint etb, uint opTrain) =>
        (EtbTopoCount == 0 || etb == 0 || etb == EtbTopoCount) && (OpTrainTopoCount == 0 || opTrain == 0 || opTrain == OpTrainTopoCount);
}
