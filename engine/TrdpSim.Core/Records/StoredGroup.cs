namespace TrdpSim.Records;

/// <summary>A telegram group as stored: one configured PD telegram or MD caller/replier.</summary>
/// <param name="Index">Its index within the run (the key of its interval rows).</param>
/// <param name="Kind"><c>publish</c>, <c>subscribe</c>, <c>pull</c>, <c>md-caller</c> or <c>md-replier</c>.</param>
/// <param name="Device">The device it belongs to.</param>
/// <param name="Name">The telegram's (or caller's, replier's) name.</param>
/// <param name="ComId">Its (first) ComId.</param>
/// <param name="Instances">How many instances the plan entry made (<c>count</c>).</param>
internal sealed record StoredGroup(int Index, string Kind, string Device, string Name, uint ComId, int Instances)
{
    /// <summary><c>device/name (kind)</c>, the label reports and comparisons use.</summary>
    public string Label => $"{Device}/{Name} ({Kind})";

    /// <summary>What the <c>lat_*</c> columns measure for this kind.</summary>
    public string LatencyMeaning => Kind switch
    {
        "publish" => "send lateness",
        "pull" or "md-caller" => "round trip",
        "md-replier" => "reply delay",
        _ => "latency",
    };
}
