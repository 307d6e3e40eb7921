namespace TrdpSim.Scenarios.Packs;

/// <summary>What <see cref="PluginPackWriter.Write"/> produced.</summary>
/// <param name="ArchivePath">The <c>.trdpplugin</c> file.</param>
/// <param name="ChecksumPath">The <c>.trdpplugin.sha256</c> file beside it (sha256sum format).</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the archive.</param>
/// <param name="FileCount">Files packed, not counting <c>MANIFEST.sha256</c>.</param>
internal sealed record PackedPlugin(string ArchivePath, string ChecksumPath, string Sha256, int FileCount);
