using System.Globalization;

namespace TrdpSim.Plan.Addresses;

/// <summary>One rewrite of the addresses a plan names: <c>10.0.0.221=127.0.0.2</c> (one address) or
/// <c>10.0.0.0/24=127.0.1.0/24</c> (a network onto a network of the same size, host part kept).</summary>
/// <remarks>Lets a train described with a vehicle's real addresses play on loopback without editing it
/// (<c>--address-map</c>, <c>[import] address-map</c>).</remarks>
/// <param name="From">The network (or address) rewritten, host order.</param>
/// <param name="To">Where it goes, host order.</param>
/// <param name="PrefixLength">Bits of the network part, 32 for a single address.</param>
/// <param name="Origin">Where the rule was given.</param>
public sealed record AddressMapRule(uint From, uint To, int PrefixLength, SourceLocation Origin)
{
    /// <summary>The bits of the network part.</summary>
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Whether <paramref name="address"/> lies in <see cref="From"/>.</summary>
    public bool Matches(uint address) => (address & Mask) == From;

    /// <summary>The rewritten address (host part kept).</summary>
    public uint Map(uint address) => To | (address & ~Mask);

    /// <summary>The left side as written (<c>10.0.0.0/24</c> or <c>10.0.0.221</c>).</summary>
    public string FromText => Side(From);

    /// <summary>The right side as written.</summary>
    public string ToText => Side(To);

    /// <summary><c>from=to</c>, the form <c>--address-map</c> takes.</summary>
    public override string ToString() => FromText + "=" + ToText;

    /// <summary>Reads <c>from=to</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, SourceLocation origin, out AddressMapRule? rule, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rule = null;
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            error = $"'{text}' must be from=to, e.g. 10.0.0.221=127.0.0.2 or 10.0.0.0/24=127.0.1.0/24";
            return false;
        }

        return TryParse(text[..eq], text[(eq + 1)..], origin, out rule, out error);
    }

    /// <summary>Reads the two sides of a rule given apart (a TOML <c>"from" = "to"</c> pair).</summary>
    public static bool TryParse(string fromText, string toText, SourceLocation origin, out AddressMapRule? rule, out string error)
    {
        ArgumentNullException.ThrowIfNull(fromText);
        ArgumentNullException.ThrowIfNull(toText);
        rule = null;
        if (!TryParseSide(fromText, out uint from, out int fromPrefix, out error) ||
            !TryParseSide(toText, out uint to, out int toPrefix, out error))
        {
            return false;
        }

        if (fromPrefix != toPrefix)
        {
            error = $"'{fromText}={toText}': both sides need the same prefix length (/{fromPrefix} and /{toPrefix})";
            return false;
        }

        rule = new AddressMapRule(from, to, fromPrefix, origin);
        return true;
    }

    private static bool TryParseSide(string text, out uint address, out int prefix, out string error)
    {
        prefix = 32;
        error = string.Empty;
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int slash = span.IndexOf('/');
        ReadOnlySpan<char> addressPart = slash < 0 ? span : span[..slash];
        if (!AddressParser.TryParse(addressPart, out address))
        {
            error = $"'{text}' is not an IPv4 address (a.b.c.d) or network (a.b.c.d/n)";
            return false;
        }

        if (slash >= 0)
        {
            ReadOnlySpan<char> bits = span[(slash + 1)..];
            if (bits.Length is 0 or > 2 || !int.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > 32)
            {
                error = $"'{text}': the prefix length after '/' must be 0…32";
                return false;
            }

            uint mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
            if ((address & ~mask) != 0)
            {
                error = $"'{text}' has host bits set: the network is {AddressParser.Format(address & mask)}/{prefix}";
                return false;
            }
        }

        return true;
    }

    private string Side(uint address) => PrefixLength == 32
        ? AddressParser.Format(address)
        : AddressParser.Format(address) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
}
