using System.Formats.Tar;
using System.Text;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Tests.Scenarios.Packs;

public sealed class PluginPackTests
{
    [Fact]
    public void PackThenInstallGivesIdenticalFiles()
    {
        using var folder = new PluginTestFolder();
        string source = folder.WritePlugin();
        Directory.CreateDirectory(Path.Combine(source, "lib"));
        File.WriteAllBytes(Path.Combine(source, "lib", "data.bin"), [0, 1, 2, 255]);
        File.WriteAllText(Path.Combine(source, "README.md"), "# demo\n");
        PackedPlugin packed = Pack(folder, source);
        Assert.Equal("demo-1.2.3.trdpplugin", Path.GetFileName(packed.ArchivePath));
        Assert.Equal(4, packed.FileCount);

        string plugins = Path.Combine(folder.Root, "installed");
        PluginPackContents pack = PluginPackReader.Read(packed.ArchivePath);
        PluginInstallResult result = PluginInstaller.Install(pack, plugins, force: false);
        Assert.Equal(PluginInstallOutcome.Installed, result.Outcome);
        Assert.Equal(Path.Combine(Path.GetFullPath(plugins), "demo"), result.Directory);
        foreach (string file in new[] { "plugin.toml", "scenario.js", "README.md", Path.Combine("lib", "data.bin") })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, file)), File.ReadAllBytes(Path.Combine(result.Directory, file)));
        }

        string checksums = File.ReadAllText(Path.Combine(result.Directory, "MANIFEST.sha256"));
        Assert.Contains("  lib/data.bin\n", checksums, StringComparison.Ordinal);
        Assert.Equal(5, Directory.GetFiles(result.Directory, "*", SearchOption.AllDirectories).Length);
        Assert.True(PluginLoader.Load(result.Directory, new Dictionary<string, string>()).Success);
    }

    [Fact]
    public void PackingIsReproducible()
    {
        using var folder = new PluginTestFolder();
        string first = folder.WritePlugin(sub: "one");
        PackedPlugin a = Pack(folder, first, "out-a");
        string second = folder.WritePlugin(sub: "two");
        File.SetLastWriteTimeUtc(Path.Combine(second, "scenario.js"), new DateTime(2011, 5, 5, 0, 0, 0, DateTimeKind.Utc));
        PackedPlugin b = Pack(folder, second, "out-b");
        Assert.Equal(File.ReadAllBytes(a.ArchivePath), File.ReadAllBytes(b.ArchivePath));
        Assert.Equal(a.Sha256, b.Sha256);
    }

    [Fact]
    public void HiddenFilesOldManifestsAndPacksAreNotPacked()
    {
        using var folder = new PluginTestFolder();
        string source = folder.WritePlugin();
        Directory.CreateDirectory(Path.Combine(source, ".git"));
        File.WriteAllText(Path.Combine(source, ".git", "HEAD"), "x");
        File.WriteAllText(Path.Combine(source, "MANIFEST.sha256"), "stale");
        File.WriteAllText(Path.Combine(source, "demo-1.0.0.trdpplugin"), "old");
        PackedPlugin packed = Pack(folder, source);
        Assert.Equal(2, packed.FileCount);
    }

    [Fact]
    public void SymlinksAndUnportableNamesAreNotPacked()
    {
        using var folder = new PluginTestFolder();
        string source = folder.WritePlugin();
        File.CreateSymbolicLink(Path.Combine(source, "link.js"), "/etc/passwd");
        var e = Assert.Throws<PluginPackException>(() => Pack(folder, source));
        Assert.Contains("symbolic links", e.Message, StringComparison.Ordinal);
        File.Delete(Path.Combine(source, "link.js"));
        File.WriteAllText(Path.Combine(source, "my notes.txt"), "x");
        e = Assert.Throws<PluginPackException>(() => Pack(folder, source));
        Assert.Contains("only ASCII letters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceGivenAsThePackIsRefusedNotRead()
    {
        // /dev/zero has a length of 0, so the size limit let it through to a read that never ended.
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read("/dev/zero", expectedSha256: new string('0', 64)));
        Assert.Equal("/dev/zero: not a regular file (a character device): only a file that ends can be read", e.Message);
    }

    [Fact]
    public void TamperedArchiveIsRefusedByItsChecksum()
    {
        using var folder = new PluginTestFolder();
        PackedPlugin packed = Pack(folder, folder.WritePlugin());
        byte[] bytes = File.ReadAllBytes(packed.ArchivePath);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(packed.ArchivePath, bytes);
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath));
        Assert.Contains("does not match the expected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedFileIsRefusedEvenWithARecomputedArchiveChecksum()
    {
        using var folder = new PluginTestFolder();
        string manifest = Encoding.UTF8.GetString(PackBytes(out byte[] script));
        byte[] evil = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(script).Replace("127.0.0.2", "127.0.0.9", StringComparison.Ordinal));
        string path = folder.WriteArchive("demo-1.2.3.trdpplugin",
            ("demo/MANIFEST.sha256", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(manifest), null),
            ("demo/plugin.toml", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(PluginTestFolder.Manifest), null),
            ("demo/scenario.js", TarEntryType.RegularFile, evil, null));
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path));
        Assert.Contains("'scenario.js' does not match its checksum in MANIFEST.sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileMissingFromTheChecksumListIsRefused()
    {
        using var folder = new PluginTestFolder();
        string manifest = Encoding.UTF8.GetString(PackBytes(out byte[] script));
        string path = folder.WriteArchive("demo-1.2.3.trdpplugin",
            ("demo/MANIFEST.sha256", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(manifest), null),
            ("demo/plugin.toml", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(PluginTestFolder.Manifest), null),
            ("demo/scenario.js", TarEntryType.RegularFile, script, null),
            ("demo/extra.js", TarEntryType.RegularFile, [1], null));
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path));
        Assert.Contains("'extra.js' is in the archive but not in MANIFEST.sha256", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo/../../evil.js", "'..'")]
    [InlineData("../evil.js", "'..'")]
    [InlineData("/tmp/evil.js", "absolute")]
    [InlineData("demo/.bashrc", "hidden")]
    [InlineData("other/evil.js", "outside the plugin folder 'demo/'")]
    [InlineData("evil.js", "outside the plugin folder")]
    public void UnsafeEntryNamesAreRefusedBeforeAnythingIsWritten(string name, string message)
    {
        using var folder = new PluginTestFolder();
        string path = folder.WriteArchive("demo-1.2.3.trdpplugin",
            ("demo/plugin.toml", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(PluginTestFolder.Manifest), null),
            (name, TarEntryType.RegularFile, [1, 2, 3], null));
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Root, "evil.js")));
        Assert.False(File.Exists("/tmp/evil.js"));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "symbolic link")]
    [InlineData(TarEntryType.HardLink, "hard link")]
    public void LinksAreRefused(TarEntryType type, string message)
    {
        using var folder = new PluginTestFolder();
        string path = folder.WriteArchive("demo-1.2.3.trdpplugin",
            ("demo/plugin.toml", TarEntryType.RegularFile, Encoding.UTF8.GetBytes(PluginTestFolder.Manifest), null),
            ("demo/scenario.js", type, [], "/etc/passwd"));
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizeArchivesAndFilesAreRefused()
    {
        using var folder = new PluginTestFolder();
        string source = folder.WritePlugin();
        File.WriteAllBytes(Path.Combine(source, "big.bin"), new byte[300_000]);
        PackedPlugin packed = Pack(folder, source);
        Assert.Contains("more than the 1000 bytes a pack may have",
            Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath, limits: new PackLimits { MaxArchiveBytes = 1000 })).Message, StringComparison.Ordinal);
        Assert.Contains("a file over 100000 bytes",
            Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath, limits: new PackLimits { MaxFileBytes = 100_000 })).Message, StringComparison.Ordinal);
        Assert.Contains("the files add up to more than 131072 bytes",
            Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath, limits: new PackLimits { MaxUnpackedBytes = 1 << 17, MaxFiles = 10 })).Message, StringComparison.Ordinal);
        Assert.Throws<PluginPackException>(() => PluginPackWriter.Write(source, Manifest(source), folder.Root, new PackLimits { MaxFileBytes = 1000 }));
    }

    [Fact]
    public void HugeHeadersStopAtTheUnpackedBound()
    {
        using var folder = new PluginTestFolder();
        string path = Path.Combine(folder.Root, "bomb.trdpplugin");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var attributes = new Dictionary<string, string> { ["comment"] = new string('x', 4 << 20) };
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "demo/plugin.toml", attributes));
        }

        Assert.True(new FileInfo(path).Length < 64 << 10, "the archive itself is small");
        PluginTestFolder.WriteChecksum(path);
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path, limits: new PackLimits { MaxUnpackedBytes = 1 << 20, MaxFiles = 10 }));
        Assert.Contains("unpacks to more than 1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksumIsRequiredUnlessGiven()
    {
        using var folder = new PluginTestFolder();
        PackedPlugin packed = Pack(folder, folder.WritePlugin());
        File.Delete(packed.ChecksumPath);
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath));
        Assert.Contains("--sha256", e.Message, StringComparison.Ordinal);
        Assert.Equal("demo", PluginPackReader.Read(packed.ArchivePath, packed.Sha256.ToUpperInvariant()).Manifest.Name);
        Assert.Throws<PluginPackException>(() => PluginPackReader.Read(packed.ArchivePath, new string('0', 64)));
    }

    [Fact]
    public void NotAnArchiveIsAClearError()
    {
        using var folder = new PluginTestFolder();
        string path = Path.Combine(folder.Root, "junk.trdpplugin");
        File.WriteAllText(path, "this is not gzip");
        PluginTestFolder.WriteChecksum(path);
        Assert.Contains("not a readable plugin pack", Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackForANewerApiIsRefusedAtInstall()
    {
        using var folder = new PluginTestFolder();
        string manifest = PluginTestFolder.Manifest.Replace("api-version = 1", "api-version = 99", StringComparison.Ordinal);
        byte[] script = Encoding.UTF8.GetBytes(PluginTestFolder.Script);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { ["plugin.toml"] = Encoding.UTF8.GetBytes(manifest), ["scenario.js"] = script };
        string path = Path.Combine(folder.Root, "demo-1.2.3.trdpplugin");
        File.WriteAllBytes(path, PluginPackWriter.Build("demo", files));
        PluginTestFolder.WriteChecksum(path);
        var e = Assert.Throws<PluginPackException>(() => PluginPackReader.Read(path));
        Assert.Contains("api-version 99 is newer than this trdpsim supports", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InstallRefusesAnotherVersionUnlessForced()
    {
        using var folder = new PluginTestFolder();
        string plugins = Path.Combine(folder.Root, "installed");
        PluginPackContents v1 = PluginPackReader.Read(Pack(folder, folder.WritePlugin(sub: "v1"), "out1").ArchivePath);
        string v2Source = folder.WritePlugin(sub: "v2", manifest: PluginTestFolder.Manifest.Replace("1.2.3", "1.3.0", StringComparison.Ordinal));
        PluginPackContents v2 = PluginPackReader.Read(Pack(folder, v2Source, "out2").ArchivePath);

        Assert.Equal(PluginInstallOutcome.Installed, PluginInstaller.Install(v1, plugins, force: false).Outcome);
        Assert.Equal(PluginInstallOutcome.AlreadyInstalled, PluginInstaller.Install(v1, plugins, force: false).Outcome);
        var e = Assert.Throws<PluginPackException>(() => PluginInstaller.Install(v2, plugins, force: false));
        Assert.Contains("already holds demo 1.2.3; installing demo 1.3.0 would replace it: use --force", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.2.3", File.ReadAllText(Path.Combine(plugins, "demo", "plugin.toml")), StringComparison.Ordinal);

        PluginInstallResult replaced = PluginInstaller.Install(v2, plugins, force: true);
        Assert.Equal(PluginInstallOutcome.Replaced, replaced.Outcome);
        Assert.Equal("1.2.3", replaced.PreviousVersion);
        Assert.Contains("1.3.0", File.ReadAllText(Path.Combine(plugins, "demo", "plugin.toml")), StringComparison.Ordinal);
        Assert.Equal(["demo"], Directory.GetFileSystemEntries(plugins).Select(Path.GetFileName));
    }

    [Fact]
    public void LocallyChangedInstallIsNotSilentlyOverwritten()
    {
        using var folder = new PluginTestFolder();
        string plugins = Path.Combine(folder.Root, "installed");
        PluginPackContents pack = PluginPackReader.Read(Pack(folder, folder.WritePlugin()).ArchivePath);
        PluginInstaller.Install(pack, plugins, force: false);
        File.AppendAllText(Path.Combine(plugins, "demo", "scenario.js"), "// local edit\n");
        var e = Assert.Throws<PluginPackException>(() => PluginInstaller.Install(pack, plugins, force: false));
        Assert.Contains("with different files", e.Message, StringComparison.Ordinal);
    }

    private static PackedPlugin Pack(PluginTestFolder folder, string source, string output = "out") =>
        PluginPackWriter.Write(source, Manifest(source), Path.Combine(folder.Root, output));

    private static PluginManifest Manifest(string source) =>
        PluginManifestReader.ReadDirectory(source).Manifest ?? throw new InvalidOperationException("test plugin manifest is invalid");

    /// <summary>The MANIFEST.sha256 of the standard test plugin, and its script bytes.</summary>
    private static byte[] PackBytes(out byte[] script)
    {
        script = Encoding.UTF8.GetBytes(PluginTestFolder.Script);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { ["plugin.toml"] = Encoding.UTF8.GetBytes(PluginTestFolder.Manifest), ["scenario.js"] = script };
        return Sha256Manifest.Write(files);
    }
}
