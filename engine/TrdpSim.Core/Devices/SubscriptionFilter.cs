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

    /// <summary>How many bus interfaces the subscribing device receives on (1 = single-homed). With more than one,
    /// every telegram is also attributed to the interface it arrived on (see <see cref="PathIndex"/>).</summary>
    public int Arrivals { get; init; }

    /// <summary>The subscribing device's interfaces the subscription hears on, as a mask (bit i = interface i); 0 =
    /// every interface. A copy that arrives on another interface is not for it (TCNopen: that interface's session
    /// has no such subscription). With a mask, <see cref="Arrivals"/> counts the interfaces in it.</summary>
    public int Faces { get; init; }

    /// <summary>Whether a telegram that arrived on interface <paramref name="face"/> is for this subscription.</summary>
    public bool HearsOn(int face) => Faces == 0 || (Faces & (1 << face)) != 0;

    /// <summary>Whether telegrams are counted per path: the source is multi-homed, or the subscriber is.</summary>
    public bool HasPaths => Paths is not null || Arrivals > 1;

    /// <summary>The path a telegram from <paramref name="source"/> that arrived on the subscriber's interface
    /// <paramref name="arrival"/> took: the source's interface when only the source is multi-homed, the arrival
    /// interface when only the subscriber is, and the pair (source interface × <see cref="Arrivals"/> + arrival)
    /// when both are. -1 when nothing is counted per path (or the source is none of a multi-homed source's).</summary>
    public int PathIndex(uint source, int arrival)
    {
        if (Arrivals <= 1)
        {
            return PathOf(source);
        }

        // The arrival interface's place among the subscription's interfaces (all of the device's, or its scope's).
        var slot = Faces == 0 ? arrival : System.Numerics.BitOperations.PopCount((uint)(Faces & ((1 << arrival) - 1)));
        if (Paths is null)
        {
            return slot;
        }

        var from = PathOf(source);
        return from < 0 ? -1 : (from * Arrivals) + slot;
    }

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
