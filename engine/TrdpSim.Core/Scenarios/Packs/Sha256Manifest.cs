using System.Security.Cryptography;
using System.Text;

namespace TrdpSim.Scenarios.Packs;

/// <summary>The <c>MANIFEST.sha256</c> file inside a pack: the SHA-256 of every other file.</summary>
/// <remarks>The format is that of <c>sha256sum</c> (<c>hex, two spaces, path</c>, one line per file,
/// sorted by path, LF endings), so <c>cd name &amp;&amp; sha256sum -c MANIFEST.sha256</c> checks an
/// installed or unpacked plugin without trdpsim.</remarks>
internal static class Sha256Manifest
{
    public const string FileName = "MANIFEST.sha256";

    /// <summary>Lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The manifest text for <paramref name="files"/> (relative path → bytes), in ordinal path order.</summary>
    public static byte[] Write(SortedDictionary<string, byte[]> files)
    {
        var text = new StringBuilder();
        foreach ((string path, byte[] data) in files)
        {
            text.Append(Hash(data)).Append("  ").Append(path).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Checks <paramref name="manifest"/> against <paramref name="files"/> (which exclude the
    /// manifest itself): same file set, same hashes. Throws <see cref="PluginPackException"/> on any difference.</summary>
    public static void Verify(byte[] manifest, SortedDictionary<string, byte[]> files, string archive)
    {
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = Encoding.UTF8.GetString(manifest).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ' || !IsHex(line.AsSpan(0, 64)))
            {
                throw new PluginPackException($"{archive}: {FileName} line {i + 1} is not '<sha256>  <path>'");
            }

            string path = line[66..];
            if (!listed.TryAdd(path, line[..64]))
            {
                throw new PluginPackException($"{archive}: {FileName} lists '{path}' twice");
            }
        }

        foreach ((string path, byte[] data) in files)
        {
            if (!listed.Remove(path, out string? expected))
            {
                throw new PluginPackException($"{archive}: '{path}' is in the archive but not in {FileName}: the pack was altered");
            }

            if (!string.Equals(expected, Hash(data), StringComparison.OrdinalIgnoreCase))
            {
                throw new PluginPackException($"{archive}: '{path}' does not match its checksum in {FileName}: the pack was altered or damaged");
            }
        }

        foreach (string missing in listed.Keys)
        {
            throw new PluginPackException($"{archive}: {FileName} lists '{missing}' but the archive does not contain it");
        }
    }

    /// <summary>True when <paramref name="text"/> is lowercase or uppercase hex digits only.</summary>
    public static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
