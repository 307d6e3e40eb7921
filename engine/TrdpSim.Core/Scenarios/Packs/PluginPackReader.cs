using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using TrdpSim.Plan;
using TrdpSim.Scenarios.Packs.Internal;

namespace TrdpSim.Scenarios.Packs;

/// <summary>Reads and verifies a <c>.trdpplugin</c> pack before anything of it touches the disk.</summary>
/// <remarks>
/// Checks, in order, each failing with a <see cref="PluginPackException"/> that says what is wrong:
/// the archive's size; its SHA-256 against <c>&lt;archive&gt;.sha256</c> beside it (or a checksum given by
/// the user); that it decompresses within <see cref="PackLimits"/> (gzip bombs stop at the bound);
/// that every entry is a regular file or folder (no symbolic or hard links, devices or FIFOs) under one
/// top-level folder, with a portable relative name (<see cref="PackPaths"/>: no <c>..</c>, no absolute
/// path); that <c>MANIFEST.sha256</c> lists exactly the other files with matching hashes; and that
/// <c>plugin.toml</c> is valid for this engine (name = folder, supported API version, entry present).
/// The scenario itself is not run here: <c>trdpsim plugin validate</c> does that on the installed folder.
/// </remarks>
internal static class PluginPackReader
{
    /// <summary>Reads <paramref name="archivePath"/>; <paramref name="expectedSha256"/> (hex) replaces the
    /// checksum file beside the archive when given.</summary>
    public static PluginPackContents Read(string archivePath, string? expectedSha256 = null, PackLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        limits ??= PackLimits.Default;
        string label = Path.GetFileName(archivePath);
        var info = new FileInfo(archivePath);
        if (!info.Exists)
        {
            throw new PluginPackException($"{archivePath}: file not found");
        }

        // A FIFO or a device has a length of 0 and then blocks or never ends: 'plugin install' hung on a FIFO.
        if (PlanSourceFile.CheckReadable(archivePath) is { } refused)
        {
            throw new PluginPackException($"{archivePath}: {refused}");
        }

        if (info.Length > limits.MaxArchiveBytes)
        {
            throw new PluginPackException($"{archivePath}: {info.Length} bytes, more than the {limits.MaxArchiveBytes} bytes a pack may have; refused");
        }

        byte[] archive = File.ReadAllBytes(archivePath);
        string sha256 = Sha256Manifest.Hash(archive);
        string expected = expectedSha256 ?? ReadChecksumFile(archivePath);
        if (!string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new PluginPackException($"{archivePath}: SHA-256 {sha256} does not match the expected {expected}: the archive was altered or damaged; refused");
        }

        (string root, SortedDictionary<string, byte[]> files) = Unpack(archive, label, limits);
        if (!files.Remove(Sha256Manifest.FileName, out byte[]? checksums))
        {
            throw new PluginPackException($"{label}: no {root}/{Sha256Manifest.FileName}: not a trdpsim plugin pack");
        }

        Sha256Manifest.Verify(checksums, files, label);
        if (!files.TryGetValue(PluginManifest.FileName, out byte[]? manifestBytes))
        {
            throw new PluginPackException($"{label}: no {root}/{PluginManifest.FileName}: not a trdpsim plugin pack");
        }

        string manifestPath = $"{label}/{root}/{PluginManifest.FileName}";
        PluginManifestResult result = PluginManifestReader.Read(Encoding.UTF8.GetString(manifestBytes), manifestPath, root, files.ContainsKey);
        if (result.Manifest is null)
        {
            var text = new StringBuilder($"{label}: the pack's manifest is not valid for this trdpsim:");
            foreach (PlanError error in result.Errors)
            {
                text.Append('\n').Append(error);
            }

            throw new PluginPackException(text.ToString());
        }

        files.Add(Sha256Manifest.FileName, checksums);
        return new PluginPackContents(result.Manifest, files, sha256);
    }

    private static string ReadChecksumFile(string archivePath)
    {
        string path = archivePath + PluginPackWriter.ChecksumSuffix;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginPackException($"{archivePath}: cannot read its checksum file {Path.GetFileName(path)} ({e.Message}); copy it along with the archive or give the checksum with --sha256 <hex>");
        }

        string hex = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : string.Empty;
        if (hex.Length != 64 || !Sha256Manifest.IsHex(hex))
        {
            throw new PluginPackException($"{path}: expected '<sha256 hex>  <file name>' (sha256sum format)");
        }

        return hex;
    }

    private static (string Root, SortedDictionary<string, byte[]> Files) Unpack(byte[] archive, string label, PackLimits limits)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string? root = null;
        long total = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(archive, writable: false), CompressionMode.Decompress);
            long rawLimit = limits.MaxUnpackedBytes + ((limits.MaxFiles + 2L) * 1024);
            using var bounded = new BoundedReadStream(gzip, rawLimit, label);
            using var tar = new TarReader(bounded);
            while (tar.GetNextEntry() is { } entry)
            {
                string name = entry.Name;
                bool folder = entry.EntryType == TarEntryType.Directory;
                if (!folder && entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new PluginPackException($"{label}: entry '{name}' is a {Describe(entry.EntryType)}; packs may only hold regular files; refused");
                }

                string path = folder ? name.TrimEnd('/') : name;
                if (PackPaths.Problem(path) is { } problem)
                {
                    throw new PluginPackException($"{label}: entry '{name}': {problem}; refused");
                }

                int slash = path.IndexOf('/', StringComparison.Ordinal);
                string top = slash < 0 ? path : path[..slash];
                root ??= top;
                if (top != root || (slash < 0 && !folder))
                {
                    throw new PluginPackException($"{label}: entry '{name}' is outside the plugin folder '{root}/'; refused");
                }

                if (folder)
                {
                    continue;
                }

                string relative = path[(slash + 1)..];
                if (entry.Length > limits.MaxFileBytes || files.Count >= limits.MaxFiles)
                {
                    throw new PluginPackException($"{label}: more than {limits.MaxFiles} files or a file over {limits.MaxFileBytes} bytes ('{name}'); refused");
                }

                total += entry.Length;
                if (total > limits.MaxUnpackedBytes)
                {
                    throw new PluginPackException($"{label}: the files add up to more than {limits.MaxUnpackedBytes} bytes; refused");
                }

                byte[] data = new byte[entry.Length];
                entry.DataStream?.ReadExactly(data);
                if (!files.TryAdd(relative, data))
                {
                    throw new PluginPackException($"{label}: entry '{name}' appears twice; refused");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            throw new PluginPackException($"{label}: not a readable plugin pack (a gzip-compressed tar): {e.Message}", e);
        }

        return root is null ? throw new PluginPackException($"{label}: the archive is empty") : (root, files);
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.SymbolicLink => "symbolic link",
        TarEntryType.HardLink => "hard link",
        TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "device",
        TarEntryType.Fifo => "FIFO",
        _ => $"'{type}' entry",
    };
}
