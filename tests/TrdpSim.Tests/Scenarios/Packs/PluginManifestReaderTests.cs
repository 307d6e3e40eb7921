using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Tests.Scenarios.Packs;

public sealed class PluginManifestReaderTests
{
    private const string Good = """
        name = "door-storm"
        version = "2.0.0-rc.1+build.5"
        api-version = 1
        description = "Doors open and close"
        entry = "lib/main.mjs"
        authors = ["A. Author", "B. Author"]
        license = "MIT"
        tags = ["doors", "pd"]

        [[parameter]]
        name = "rate"
        type = "number"
        default = 2.5
        description = "Cycles per second"

        [[parameter]]
        name = "enabled"
        type = "boolean"
        default = true

        [[parameter]]
        name = "label"
        type = "string"
        default = "x"

        [[parameter]]
        name = "hold"
        type = "duration"
        default = "1m30s"
        """;

    [Fact]
    public void GoodManifestReadsEveryField()
    {
        PluginManifestResult result = Read(Good, folder: "door-storm", files: "lib/main.mjs");
        Assert.Empty(result.Errors);
        PluginManifest m = result.Manifest!;
        Assert.Equal("door-storm", m.Name);
        Assert.Equal("2.0.0-rc.1+build.5", m.Version);
        Assert.Equal(1, m.ApiVersion);
        Assert.Equal("lib/main.mjs", m.Entry);
        Assert.Equal(["A. Author", "B. Author"], m.Authors);
        Assert.Equal("MIT", m.License);
        Assert.Equal(["doors", "pd"], m.Tags);
        Assert.Equal(["rate", "enabled", "label", "hold"], m.Parameters.Select(p => p.Name));
        Assert.Equal(["2.5", "true", "x", "1m30s"], m.Parameters.Select(p => p.DefaultText));
        Assert.Equal("Cycles per second", m.Parameters[0].Description);
        Assert.Equal(new SourceLocation("plugin.toml", 10, 1), m.Parameters[0].Origin);
        Assert.Equal(new SourceLocation("plugin.toml", 13, 11), m.Parameters[0].DefaultOrigin);
    }

    [Fact]
    public void EntryDefaultsToScenarioJs()
    {
        PluginManifestResult result = Read("name = \"demo\"\nversion = \"0.1.0\"\napi-version = 1\ndescription = \"d\"\n", files: "scenario.js");
        Assert.Equal("scenario.js", result.Manifest!.Entry);
        Assert.Empty(result.Manifest.Parameters);
    }

    [Theory]
    [InlineData("name = \"Demo\"", 1, 8, "kebab-case")]
    [InlineData("name = \"other\"", 1, 8, "plugin folder is \"demo\"")]
    [InlineData("version = \"1.0\"", 2, 11, "semantic version")]
    [InlineData("version = \"01.0.0\"", 2, 11, "semantic version")]
    [InlineData("api-version = 99", 3, 15, "api-version 99 is newer than this trdpsim supports (scenario API ")]
    [InlineData("api-version = 0", 3, 15, "api-version 0 is older than this trdpsim still supports (scenario API ")]
    [InlineData("api-version = \"1\"", 3, 15, "must be an integer")]
    [InlineData("description = \"\"", 4, 15, "must not be empty")]
    [InlineData("entry = \"missing.js\"", 5, 9, "does not exist")]
    [InlineData("entry = \"../outside.js\"", 5, 9, "'..'")]
    [InlineData("entry = \"/etc/scenario.js\"", 5, 9, "absolute")]
    [InlineData("entry = \"plugin.toml\"", 5, 9, ".js or .mjs")]
    [InlineData("descripton = \"typo\"", 5, 1, "unknown key 'descripton'")]
    [InlineData("tags = [\"a\", 3]", 5, 14, "only non-empty strings")]
    public void BadTopLevelValuesPointAtTheirPosition(string replace, int line, int column, string message)
    {
        string text = Replace(Base, line, replace);
        PluginManifestResult result = Read(text);
        Assert.Null(result.Manifest);
        PlanError error = Assert.Single(result.Errors, e => e.Location.Line == line);
        Assert.Equal(column, error.Location.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type = \"integer\"", 8, 8, "unknown value \"integer\"")]
    [InlineData("default = \"fast\"", 9, 11, "not a duration")]
    [InlineData("default = 5", 9, 11, "must be a duration string")]
    [InlineData("name = \"9lives\"", 7, 8, "must start with a letter")]
    [InlineData("colour = 1", 10, 1, "unknown key 'colour' in [[parameter]]")]
    public void BadParametersPointAtTheirPosition(string replace, int line, int column, string message)
    {
        string text = Replace(Base + "\n[[parameter]]\nname = \"p\"\ntype = \"duration\"\ndefault = \"1s\"\n", line, replace);
        PluginManifestResult result = Read(text);
        PlanError error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("plugin.toml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKeysAndDuplicateParametersAreAllReported()
    {
        string text = "[[parameter]]\nname = \"p\"\ntype = \"number\"\ndefault = 1\n[[parameter]]\nname = \"p\"\ntype = \"boolean\"\n";
        PluginManifestResult result = Read(text);
        string all = string.Join("\n", result.Errors);
        foreach (string expected in new[] { "missing required key 'name'", "'version'", "'api-version'", "'description'", "missing required key 'default' in [[parameter]]", "parameter 'p' is already declared (at plugin.toml:1:1)" })
        {
            Assert.Contains(expected, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TomlSyntaxErrorsHavePositions()
    {
        PluginManifestResult result = Read(Base + "\n[[parameter\n");
        Assert.Contains(result.Errors, e => e.Location.Line == 6 && e.Location.Column > 0);
    }

    [Fact]
    public void MissingManifestFileIsAClearError()
    {
        using var folder = new PluginTestFolder();
        PluginManifestResult result = PluginManifestReader.ReadDirectory(folder.Root);
        Assert.Contains("not a plugin folder", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    private const string Base = "name = \"demo\"\nversion = \"1.0.0\"\napi-version = 1\ndescription = \"A demo\"\n";

    /// <summary>Sets line <paramref name="line"/> (1-based) of <paramref name="text"/>; one past the end appends.</summary>
    private static string Replace(string text, int line, string content)
    {
        List<string> lines = [.. text.TrimEnd('\n').Split('\n')];
        if (line > lines.Count)
        {
            lines.Add(content);
        }
        else
        {
            lines[line - 1] = content;
        }

        return string.Join('\n', lines) + "\n";
    }

    private static PluginManifestResult Read(string text, string folder = "demo", string files = "scenario.js") =>
        PluginManifestReader.Read(text, "plugin.toml", folder, path => files.Split(',').Contains(path));
}
