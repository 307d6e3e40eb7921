using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>A TRDP URI as TCNopen reads it from a <c>source</c> or <c>destination</c>: an optional user
/// part before <c>@</c> (an MD source/destination URI) and a host part, which must be a dotted IPv4
/// address — TCNopen's tools convert it with <c>vos_dottedIP</c>; host names would need TCN-DNS.</summary>
internal readonly struct XmlUri(string user, uint host)
{
    private readonly string? _user = user;

    /// <summary>The user part ("" when none; also for an absent URI, <c>default</c>).</summary>
    public string User => _user ?? string.Empty;

    /// <summary>The host address, host order (0 for an absent URI).</summary>
    public uint Host { get; } = host;

    /// <summary>Reads the attribute; false (with an error at it) when it is not a usable URI.</summary>
    public static bool TryRead(XmlAttributeNode attribute, string tag, Problems problems, out XmlUri uri)
    {
        uri = default;
        string text = attribute.Value.Trim();
        int at = text.IndexOf('@', StringComparison.Ordinal);
        string user = at < 0 ? string.Empty : text[..at];
        string host = at < 0 ? text : text[(at + 1)..];
        if (!AddressParser.TryParse(host, out uint address) || address == 0 || address == uint.MaxValue)
        {
            problems.Error(attribute.Origin,
                $"{tag} {attribute.Name}=\"{attribute.Value}\": the host part must be an IPv4 address a.b.c.d (not 0.0.0.0 or 255.255.255.255); host names need TCN-DNS, which is not played");
            return false;
        }

        foreach (char c in user)
        {
            if (c < ' ' || c > '~')
            {
                problems.Error(attribute.Origin, $"{tag} {attribute.Name}=\"{attribute.Value}\": the user part must be printable ASCII");
                return false;
            }
        }

        if (user.Length > XmlLimits.MaxUriUser)
        {
            problems.Error(attribute.Origin, $"{tag} {attribute.Name}=\"{attribute.Value}\": the user part has {user.Length} characters, at most {XmlLimits.MaxUriUser} fit in a TRDP header");
            return false;
        }

        uri = new XmlUri(user, address);
        return true;
    }
}
