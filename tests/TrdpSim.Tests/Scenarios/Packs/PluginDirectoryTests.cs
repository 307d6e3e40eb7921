using TrdpSim.Scenarios.Packs;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Scenarios.Packs;

public sealed class PluginDirectoryTests
{
    [Fact]
    public void ListShowsPluginsSortedWithProblemsAndSkipsTheRest()
    {
        using var folder = new PluginTestFolder();
        folder.WritePlugin(name: "zeta", manifest: PluginTestFolder.Manifest.Replace("\"demo\"", "\"zeta\"", StringComparison.Ordinal), sub: "plugins");
        folder.WritePlugin(name: "alpha", manifest: PluginTestFolder.Manifest.Replace("\"demo\"", "\"alpha\"", StringComparison.Ordinal).Replace("api-version = 1", "api-version = 9", StringComparison.Ordinal), sub: "plugins");
        folder.WritePlugin(name: ".install-x", sub: "plugins");
        Directory.CreateDirectory(Path.Combine(folder.Root, "plugins", "not-a-plugin"));

        IReadOnlyList<InstalledPlugin> plugins = PluginDirectory.List(Path.Combine(folder.Root, "plugins"));
        Assert.Equal(["alpha", "zeta"], plugins.Select(p => p.Folder));
        Assert.Null(plugins[0].Manifest);
        Assert.Contains("api-version 9 is newer", plugins[0].Problem, StringComparison.Ordinal);
        Assert.Equal("1.2.3", plugins[1].Manifest!.Version);
        Assert.Equal("A demo plugin", plugins[1].Manifest!.Description);
        Assert.Null(plugins[1].Problem);
    }

    [Fact]
    public void ListOfAMissingFolderIsEmpty() =>
        Assert.Empty(PluginDirectory.List(Path.Combine(Path.GetTempPath(), $"trdpsim-none-{Guid.NewGuid():N}")));

    [Fact]
    public void RepositoryPluginsAreListed()
    {
        string plugins = Path.Combine(RepositoryRoot.Require(), "plugins");
        IReadOnlyList<InstalledPlugin> listed = PluginDirectory.List(plugins);
        Assert.Contains(listed, p => p.Folder == "basic-train" && p.Manifest is not null);
        Assert.Contains(listed, p => p.Folder == "md-shaped" && p.Manifest is not null);
        Assert.All(listed, p => Assert.Null(p.Problem));
    }

    [Fact]
    public void RunTargetsResolveInstalledNamesThroughTheEnvironment()
    {
        using var folder = new PluginTestFolder();
        string installed = folder.WritePlugin(sub: "installed");
        string? before = Environment.GetEnvironmentVariable(PluginDirectory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(PluginDirectory.EnvironmentVariable, Path.Combine(folder.Root, "installed"));
            Assert.Equal(Path.Combine(folder.Root, "installed"), PluginDirectory.Default());
            Assert.Equal(installed, PluginDirectory.ResolveRunTarget("demo"));
            Assert.Equal("missing", PluginDirectory.ResolveRunTarget("missing"));
            Assert.Equal("x.toml", PluginDirectory.ResolveRunTarget("x.toml"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginDirectory.EnvironmentVariable, before);
        }
    }
}
