using System.Globalization;

namespace TrdpSim.Plan;

/// <summary>Dotted-quad IPv4 text to and from host-order <see cref="uint"/> (127.0.0.2 → 0x7F000002).</summary>
/// <remarks>Strict: exactly four decimal parts 0…255, no leading zeros (they would read as octal
/// elsewhere), no spaces, no host names.</remarks>
public static class AddressParser
{
    /// <summary>Parses <c>"a.b.c.d"</c> into a host-order address.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        int part = 0;
        int i = 0;
        while (part < 4)
        {
            int start = i;
            int value = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | (uint)value;
            part++;
            if (part < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        if (i != text.Length)
        {
            address = 0;
            return false;
        }

        return true;
    }

    /// <summary>Parses <c>"a.b.c.d:port"</c> (port 0…65535; 0 = any free port).</summary>
    public static bool TryParseEndpoint(ReadOnlySpan<char> text, out uint address, out ushort port)
    {
        address = 0;
        port = 0;
        int colon = text.LastIndexOf(':');
        if (colon < 0 || !TryParse(text[..colon], out address))
        {
            return false;
        }

        ReadOnlySpan<char> portText = text[(colon + 1)..];
        if (portText.Length == 0 || portText.Length > 5 || portText[0] == '+' ||
            !ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            address = 0;
            return false;
        }

        return true;
    }

    /// <summary><c>true</c> for 224.0.0.0/4 (IPv4 multicast groups).</summary>
    public static bool IsMulticast(uint address) => (address & 0xF0000000u) == 0xE0000000u;

    /// <summary>Dotted-quad text of a host-order address.</summary>
    public static string Format(uint address) => string.Create(
        CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}
