using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TrdpSim.Transport;

/// <summary>An IPv4 address and UDP port, with the address in <b>host order</b>
/// (<c>127.0.0.1</c> is <c>0x7F000001</c>).</summary>
/// <remarks>
/// A plain 8-byte value: comparing, hashing and copying it allocates nothing, so it is the key type
/// for routing tables on the hot path. <see cref="Parse"/>, <see cref="FormatAddress"/> and
/// <see cref="ToString"/> allocate and are for configuration and diagnostics only.
/// </remarks>
/// <param name="Address">IPv4 address in host order (most significant byte = first octet).</param>
/// <param name="Port">UDP port; 0 means "any/ephemeral" in bind options.</param>
public readonly record struct Ip4Endpoint(uint Address, ushort Port)
{
    /// <summary>0.0.0.0 (INADDR_ANY): bind to every local address.</summary>
    public const uint AnyAddress = 0;

    /// <summary>127.0.0.1 in host order.</summary>
    public const uint LoopbackAddress = 0x7F000001;

    /// <summary>True for 224.0.0.0/4 (class D) addresses.</summary>
    public bool IsMulticast => (Address & 0xF0000000u) == 0xE0000000u;

    /// <summary>Parses <c>"a.b.c.d:port"</c>.</summary>
    /// <exception cref="FormatException">The text is not a dotted-quad address and a port 0–65535.</exception>
    public static Ip4Endpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text.AsSpan(), out Ip4Endpoint endpoint))
        {
            ThrowFormat(text, "a.b.c.d:port");
        }

        return endpoint;
    }

    /// <summary>Parses <c>"a.b.c.d:port"</c>; false (and default) when malformed or null.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ip4Endpoint endpoint)
    {
        if (text is null)
        {
            endpoint = default;
            return false;
        }

        return TryParse(text.AsSpan(), out endpoint);
    }

    /// <summary>Parses <c>"a.b.c.d:port"</c> without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ip4Endpoint endpoint)
    {
        endpoint = default;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        if (!TryParseAddress(text[..colon], out uint address))
        {
            return false;
        }

        ReadOnlySpan<char> portText = text[(colon + 1)..];
        if (!AllDigits(portText) || portText.Length > 5
            || !ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
        {
            return false;
        }

        endpoint = new Ip4Endpoint(address, port);
        return true;
    }

    /// <summary>Parses a dotted-quad address (<c>"239.1.2.3"</c>) into host order.</summary>
    /// <exception cref="FormatException">The text is not four decimal octets 0–255.</exception>
    public static uint ParseAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseAddress(text.AsSpan(), out uint address))
        {
            ThrowFormat(text, "a.b.c.d");
        }

        return address;
    }

    /// <summary>Parses a dotted-quad address into host order without allocating.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        uint result = 0;
        int octets = 0;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                continue;
            }

            ReadOnlySpan<char> part = text[start..i];
            if (part.Length is 0 or > 3 || !AllDigits(part) || octets == 4)
            {
                return false;
            }

            int value = 0;
            foreach (char c in part)
            {
                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            result = (result << 8) | (uint)value;
            octets++;
            start = i + 1;
        }

        if (octets != 4)
        {
            return false;
        }

        address = result;
        return true;
    }

    /// <summary>Formats a host-order address as <c>"a.b.c.d"</c>.</summary>
    public static string FormatAddress(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    /// <summary><c>"a.b.c.d:port"</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FormatAddress(Address)}:{Port}");

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    [DoesNotReturn]
    private static void ThrowFormat(string text, string expected) =>
        throw new FormatException($"'{text}' is not an IPv4 {expected}.");
}
