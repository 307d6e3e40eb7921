using System.Globalization;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Replay;

/// <summary>Address rewriting for replay (<c>--address-map 10.0.0.1=127.0.0.2</c>, networks too:
/// <c>10.0.0.0/24=127.0.1.0/24</c>): applied to sources (the replaying socket binds the mapped address) and
/// destinations alike. The first rule that matches wins; a network keeps the host part.</summary>
public sealed class AddressMap
{
    private readonly List<Rule> _rules = [];

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>Adds one rule <c>from=to</c>; false with the reason when it is malformed.</summary>
    public bool TryAdd(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !TryParseNetwork(text[..equals], out var from, out var fromBits) || !TryParseNetwork(text[(equals + 1)..], out var to, out var toBits))
        {
            error = $"'{text}': expected address=address (10.0.0.1=127.0.0.2) or network=network (10.0.0.0/24=127.0.1.0/24)";
            return false;
        }

        if (fromBits != toBits)
        {
            error = $"'{text}': both sides must have the same prefix length (/{fromBits} and /{toBits})";
            return false;
        }

        var mask = fromBits == 0 ? 0u : uint.MaxValue << (32 - fromBits);
        _rules.Add(new Rule(from & mask, to & mask, mask));
        return true;
    }

    /// <summary>The mapped address (unchanged when no rule matches).</summary>
    public uint Map(uint address)
    {
        foreach (var rule in _rules)
        {
            if ((address & rule.Mask) == rule.From)
            {
                return rule.To | (address & ~rule.Mask);
            }
        }

        return address;
    }

    public Ip4Endpoint Map(Ip4Endpoint endpoint) => new(Map(endpoint.Address), endpoint.Port);

    private static bool TryParseNetwork(string text, out uint address, out int bits)
    {
        bits = 32;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > 32)
            {
                address = 0;
                return false;
            }

            text = text[..slash];
        }

        return Ip4Endpoint.TryParseAddress(text.Trim(), out address);
    }

    private readonly record struct Rule(uint From, uint To, uint Mask);
}
