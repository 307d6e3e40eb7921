using System.Globalization;

namespace TrdpSim.Recording.Replay;

/// <summary>ComId rewriting for replay (<c>--comid-map 1000=2000</c>, repeatable): the header ComId of PD and MD
/// frames, and the reply ComId a 'Pr' asks for.</summary>
public sealed class ComIdMap
{
    private readonly Dictionary<uint, uint> _map = [];

    public bool IsEmpty => _map.Count == 0;

    public bool TryAdd(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0
            || !uint.TryParse(text.AsSpan(0, equals), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !uint.TryParse(text.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            error = $"'{text}': expected comid=comid with whole numbers from 0 to {uint.MaxValue}, e.g. 1000=2000";
            return false;
        }

        if (_map.TryGetValue(from, out var other) && other != to)
        {
            error = $"'{text}': ComId {from} is already mapped to {other}";
            return false;
        }

        _map[from] = to;
        return true;
    }

    /// <summary>The mapped ComId, or the same one.</summary>
    public uint Map(uint comId) => _map.TryGetValue(comId, out var to) ? to : comId;
}
