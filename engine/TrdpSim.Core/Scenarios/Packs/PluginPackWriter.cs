using System.Formats.Tar;
using System.IO.Compression;

namespace TrdpSim.Scenarios.Packs;

/// <summary>Writes a plugin folder as a pack: <c>&lt;name&gt;-&lt;version&gt;.trdpplugin</c>, a gzip-compressed
/// tar, and <c>&lt;archive&gt;.sha256</c> beside it.</summary>
/// <remarks>
/// The archive holds the folder's files under <c>&lt;name&gt;/</c>, with <c>&lt;name&gt;/MANIFEST.sha256</c>
/// (the SHA-256 of every other file, see <see cref="Sha256Manifest"/>) first and the files after it in
/// ordinal path order. Entries are ustar regular files with a fixed time (<see cref="EntryTime"/>),
/// owner 0:0, empty user and group names and mode 0644, so the same folder packs to identical bytes
/// with the same trdpsim build (the compressor is the runtime's zlib; another build may compress
/// differently, which is why checksums cover the files, not only the archive).
/// Not packed: names starting with <c>.</c> (<c>.git</c>, editor files), an existing top-level
/// <c>MANIFEST.sha256</c> (it is regenerated) and <c>*.trdpplugin</c>/<c>*.trdpplugin.sha256</c> files.
/// Symbolic links, file names outside the portable set (<see cref="PackPaths"/>) and folders beyond
/// <see cref="PackLimits"/> are refused.
/// </remarks>
internal static class PluginPackWriter
{
    /// <summary>The pack file extension.</summary>
    public const string Extension = ".trdpplugin";

    /// <summary>The checksum file written beside a pack: the archive name plus this suffix.</summary>
    public const string ChecksumSuffix = ".sha256";

    /// <summary>The modification time of every entry (2020-01-01T00:00:00Z): a fixed value keeps packs reproducible.</summary>
    public static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The pack file name for <paramref name="manifest"/>.</summary>
    public static string ArchiveName(PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return $"{manifest.Name}-{manifest.Version}{Extension}";
    }

    /// <summary>Packs the plugin folder <paramref name="directory"/> (whose manifest has been validated)
    /// into <paramref name="outputDirectory"/>; overwrites an existing pack of the same name and version.</summary>
    public static PackedPlugin Write(string directory, PluginManifest manifest, string outputDirectory, PackLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        limits ??= PackLimits.Default;
        SortedDictionary<string, byte[]> files = CollectFiles(directory, limits);
        byte[] archive = Build(manifest.Name, files);
        if (archive.Length > limits.MaxArchiveBytes)
        {
            throw new PluginPackException($"{directory}: the pack would be {archive.Length} bytes, more than the {limits.MaxArchiveBytes} bytes a pack may have");
        }

        Directory.CreateDirectory(outputDirectory);
        string archivePath = Path.Combine(outputDirectory, ArchiveName(manifest));
        string sha256 = Sha256Manifest.Hash(archive);
        File.WriteAllBytes(archivePath, archive);
        string checksumPath = archivePath + ChecksumSuffix;
        File.WriteAllText(checksumPath, $"{sha256}  {Path.GetFileName(archivePath)}\n");
        return new PackedPlugin(archivePath, checksumPath, sha256, files.Count);
    }

    /// <summary>The files a pack of <paramref name="directory"/> holds (relative path → bytes), without
    /// <c>MANIFEST.sha256</c>; throws <see cref="PluginPackException"/> for links, bad names or sizes.</summary>
    internal static SortedDictionary<string, byte[]> CollectFiles(string directory, PackLimits limits)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        Collect(new DirectoryInfo(directory), string.Empty, files, ref total, limits, directory);
        return files;
    }

    /// <summary>The archive bytes for <paramref name="files"/> under the folder <paramref name="name"/>.</summary>
    internal static byte[] Build(string name, SortedDictionary<string, byte[]> files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            Add(tar, $"{name}/{Sha256Manifest.FileName}", Sha256Manifest.Write(files));
            foreach ((string path, byte[] data) in files)
            {
                Add(tar, $"{name}/{path}", data);
            }
        }

        return output.ToArray();
    }

    private static void Add(TarWriter tar, string name, byte[] data)
    {
        using var content = new MemoryStream(data, writable: false);
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            ModificationTime = EntryTime,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            Uid = 0,
            Gid = 0,
            UserName = string.Empty,
            GroupName = string.Empty,
            DataStream = content,
        };
        tar.WriteEntry(entry);
    }

    private static void Collect(DirectoryInfo folder, string prefix, SortedDictionary<string, byte[]> files, ref long total, PackLimits limits, string root)
    {
        foreach (FileSystemInfo item in folder.EnumerateFileSystemInfos())
        {
            string relative = prefix + item.Name;
            if (item.Name.StartsWith('.') || (prefix.Length == 0 && item.Name == Sha256Manifest.FileName) ||
                item.Name.EndsWith(Extension, StringComparison.Ordinal) || item.Name.EndsWith(Extension + ChecksumSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (item.LinkTarget is not null)
            {
                throw new PluginPackException($"{Path.Combine(root, relative)}: symbolic links are not packed; copy the file into the plugin folder");
            }

            if (PackPaths.Problem(relative) is { } problem)
            {
                throw new PluginPackException($"{Path.Combine(root, relative)}: cannot be packed: {problem}");
            }

            if (item is DirectoryInfo sub)
            {
                Collect(sub, relative + "/", files, ref total, limits, root);
                continue;
            }

            var file = (FileInfo)item;
            if (file.Length > limits.MaxFileBytes)
            {
                throw new PluginPackException($"{file.FullName}: {file.Length} bytes, more than the {limits.MaxFileBytes} bytes a packed file may have");
            }

            total += file.Length;
            if (files.Count + 2 > limits.MaxFiles || total > limits.MaxUnpackedBytes)
            {
                throw new PluginPackException($"{root}: more than {limits.MaxFiles} files or {limits.MaxUnpackedBytes} bytes; a pack must stay within these bounds");
            }

            files.Add(relative, File.ReadAllBytes(file.FullName));
        }
    }
}
