namespace TrdpSim.Scenarios.Packs;

/// <summary>A verified pack, in memory: what <see cref="PluginPackReader.Read"/> returns and
/// <see cref="PluginInstaller.Install"/> writes.</summary>
internal sealed class PluginPackContents
{
    internal PluginPackContents(PluginManifest manifest, SortedDictionary<string, byte[]> files, string sha256)
    {
        Manifest = manifest;
        Files = files;
        Sha256 = sha256;
    }

    /// <summary>The pack's manifest, checked (API version included).</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Every file of the plugin (relative path → bytes), <c>MANIFEST.sha256</c> included.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>Lowercase hex SHA-256 of the archive.</summary>
    public string Sha256 { get; }
}
