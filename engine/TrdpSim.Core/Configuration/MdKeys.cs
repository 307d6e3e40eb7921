using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Keys and limits shared by <c>[[device.md-call]]</c>, <c>[[device.md-reply]]</c> and the MD keys
/// of <c>[network]</c> (trdp-wire.md §8).</summary>
internal static class MdKeys
{
    /// <summary>Largest MD payload: 65504-byte frame limit minus the 116-byte header (<c>TRDP_MAX_MD_DATA_SIZE</c>).</summary>
    public const int MaxPayload = 65388;

    /// <summary>Longest URI user part (TRDP header field: 32 characters).</summary>
    public const int MaxUriLength = 32;

    /// <summary>Most caller retransmissions (<c>TRDP_MAX_MD_RETRIES</c>).</summary>
    public const int MaxRetries = 2;

    /// <summary>Upper bound for <c>[network] md-max-sessions</c>.</summary>
    public const int MaxSessions = 1_000_000;

    public static readonly (string, MdProtocol)[] ProtocolWords = [("udp", MdProtocol.Udp), ("tcp", MdProtocol.Tcp)];

    /// <summary>Reads <c>protocol</c> ("udp" | "tcp"; default UDP).</summary>
    public static MdProtocol Protocol(TomlTableReader reader) =>
        reader.TryWord("protocol", ProtocolWords, out MdProtocol protocol) ? protocol : MdProtocol.Udp;

    /// <summary>Reads a URI key: at most 32 printable ASCII characters (empty = none).</summary>
    public static string Uri(TomlTableReader reader, string key)
    {
        if (!reader.TryString(key, out string uri, out SourceLocation at))
        {
            return string.Empty;
        }

        foreach (char c in uri)
        {
            if (c < ' ' || c > '~')
            {
                reader.Error(at, $"'{key}' must hold printable ASCII characters only");
                return string.Empty;
            }
        }

        if (uri.Length > MaxUriLength)
        {
            reader.Error(at, string.Create(CultureInfo.InvariantCulture,
                $"'{key}' must be at most {MaxUriLength} characters, got {uri.Length}"));
            return string.Empty;
        }

        return uri;
    }

    /// <summary>Reads a probability in [0, 1]; 0 when absent or bad.</summary>
    public static double Probability(TomlTableReader reader, string key)
    {
        if (!reader.TryNumber(key, out double value, out SourceLocation at))
        {
            return 0;
        }

        if (!(value >= 0 && value <= 1))
        {
            reader.Error(at, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between 0 and 1, got {value}"));
            return 0;
        }

        return value;
    }

    /// <summary>A positive duration, or <c>false</c> (reported) when absent, bad or not positive.</summary>
    public static bool TryPositiveDuration(TomlTableReader reader, string key, out TimeSpan value)
    {
        if (!reader.TryDuration(key, false, out value, out SourceLocation at))
        {
            return false;
        }

        if (value <= TimeSpan.Zero)
        {
            reader.Error(at, $"'{key}' must be positive");
            return false;
        }

        return true;
    }

    /// <summary>Reports <paramref name="key"/> (at the key) when present although it has no meaning here,
    /// and marks it read; returns <c>true</c> when the key was there.</summary>
    public static bool RejectIfPresent(TomlTableReader reader, string key, string why)
    {
        TomlEntry? entry = reader.Take(key);
        if (entry is null)
        {
            return false;
        }

        reader.Error(entry.KeyOrigin, $"'{key}' {why}");
        return true;
    }
}
