using TrdpSim.Scenarios.Packs;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Scenarios.Packs;

public sealed class PluginLoaderTests
{
    private static readonly Dictionary<string, string> NoParams = [];

    [Fact]
    public void PluginFolderLoadsWithManifestDefaultsAndParamOverrides()
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin();
        PlanLoadResult defaults = PluginLoader.Load(dir, NoParams);
        Assert.True(defaults.Success, defaults.FormatErrors());
        Assert.Equal(2, defaults.Plan!.Devices[0].Publications.Count);
        Assert.Equal("demo-run", defaults.Plan.Name);

        PlanLoadResult given = PluginLoader.Load(dir, new Dictionary<string, string> { ["count"] = "3", ["cycle"] = "20ms" });
        Assert.True(given.Success, given.FormatErrors());
        Assert.Equal(3, given.Plan!.Devices[0].Publications.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(20), given.Plan.Devices[0].Publications[0].Cycle);
    }

    [Fact]
    public void PlanFileLoaderDispatchesAFolderToThePlugin()
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin(script: PluginTestFolder.Script.Replace("plan.name(\"demo-run\");", string.Empty, StringComparison.Ordinal));
        PlanLoadResult result = PlanFileLoader.LoadFile(dir, new Dictionary<string, string> { ["count"] = "1" });
        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal("demo", result.Plan!.Name);
        Assert.Single(result.Plan.Devices[0].Publications);
        Assert.EndsWith(Path.Combine("demo", "scenario.js"), result.Plan.SourcePath, StringComparison.Ordinal);
    }

    [Fact]
    public void AFolderWithoutManifestIsAClearError()
    {
        using var folder = new PluginTestFolder();
        PlanLoadResult result = PlanFileLoader.LoadFile(folder.Root, NoParams);
        Assert.Contains("no plugin.toml", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api-version = 1", "api-version = 0", 3, "older than this trdpsim still supports")]
    [InlineData("description = \"A demo plugin\"", "description = \"A demo plugin\"\nentry = \"main.js\"", 5, "\"main.js\" does not exist")]
    public void ManifestProblemsStopTheLoad(string from, string to, int line, string message)
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin(manifest: PluginTestFolder.Manifest.Replace(from, to, StringComparison.Ordinal));
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(line, error.Location.Line);
        Assert.EndsWith("plugin.toml", error.Location.File, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiVersionOneAboveTheEngineIsRefusedNamingBothVersions()
    {
        using var folder = new PluginTestFolder();
        int next = PluginApiVersions.Current + 1;
        string dir = folder.WritePlugin(manifest: PluginTestFolder.Manifest.Replace("api-version = 1", $"api-version = {next}", StringComparison.Ordinal));
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(new SourceLocation(Path.Combine(dir, "plugin.toml"), 3, 15), error.Location);
        Assert.Contains($"api-version {next} is newer", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{PluginApiVersions.Current}): update trdpsim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestParameterTheScriptNeverDeclaresIsAnError()
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin(manifest: PluginTestFolder.Manifest + "\n[[parameter]]\nname = \"extra\"\ntype = \"boolean\"\ndefault = false\n");
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(new SourceLocation(Path.Combine(dir, "plugin.toml"), 15, 1), error.Location);
        Assert.Contains("never declares it with plan.param('extra'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptParameterMissingFromTheManifestIsAnErrorAtTheCall()
    {
        using var folder = new PluginTestFolder();
        string script = PluginTestFolder.Script.Replace("plan.name(\"demo-run\");", "plan.param(\"hidden\", { type: \"string\", default: \"x\" });", StringComparison.Ordinal);
        string dir = folder.WritePlugin(script: script);
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(new SourceLocation(Path.Combine(dir, "scenario.js"), 4, 3), error.Location);
        Assert.Contains("'hidden' is not declared in plugin.toml", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type = \"duration\"", "type = \"string\"", 8, 8, "is a string here but a duration in the scenario")]
    [InlineData("default = \"100ms\"", "default = \"200ms\"", 9, 11, "defaults to 200ms here but to 100ms in the scenario")]
    [InlineData("default = 2", "default = 2.5", 14, 11, "defaults to 2.5 here but to 2 in the scenario")]
    public void TypeAndDefaultMustAgree(string from, string to, int line, int column, string message)
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin(manifest: PluginTestFolder.Manifest.Replace(from, to, StringComparison.Ordinal));
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(new SourceLocation(Path.Combine(dir, "plugin.toml"), line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualDurationsWrittenDifferentlyAgree()
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin(manifest: PluginTestFolder.Manifest.Replace("\"100ms\"", "\"0.1s\"", StringComparison.Ordinal));
        Assert.True(PluginLoader.Load(dir, NoParams).Success);
    }

    [Theory]
    [InlineData("nope", "1", 0, "has no such parameter (parameters: cycle, count)")]
    [InlineData("count", "many", 11, "--param count=many: not a number")]
    [InlineData("cycle", "soon", 6, "--param cycle=soon: not a duration")]
    public void ParamsAreCheckedAgainstTheManifest(string name, string value, int line, string message)
    {
        using var folder = new PluginTestFolder();
        string dir = folder.WritePlugin();
        PlanError error = Assert.Single(PluginLoader.Load(dir, new Dictionary<string, string> { [name] = value }).Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("plugin.toml", error.Location.File, StringComparison.Ordinal);
        Assert.Equal(line, error.Location.Line);
    }

    [Fact]
    public void ScriptErrorsKeepTheirPosition()
    {
        using var folder = new PluginTestFolder();
        string script = PluginTestFolder.Script.Replace("address: \"127.0.0.2\"", "address: \"nowhere\"", StringComparison.Ordinal);
        string dir = folder.WritePlugin(script: script);
        PlanError error = Assert.Single(PluginLoader.Load(dir, NoParams).Errors);
        Assert.Equal(Path.Combine(dir, "scenario.js"), error.Location.File);
        Assert.Equal(5, error.Location.Line);
    }

    [Theory]
    [InlineData("basic-train")]
    [InlineData("md-shaped")]
    public void RepositoryPluginsValidate(string name)
    {
        string dir = Path.Combine(RepositoryRoot.Require(), "plugins", name);
        PlanLoadResult result = PlanFileLoader.LoadFile(dir, NoParams);
        Assert.True(result.Success, result.FormatErrors());
        Assert.Empty(TrdpSim.Plan.Validation.PlanValidator.Validate(result.Plan!));
        Assert.Equal(name, result.Plan!.Name);
    }
}
