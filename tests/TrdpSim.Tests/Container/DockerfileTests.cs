using System.Text.RegularExpressions;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Container;

/// <summary>The rules the Dockerfile must keep to build and run, checked without a Docker engine (none on
/// the CI machine): base images from a list of tags known to be published, the plugins shipped where
/// <c>trdpsim run &lt;name&gt;</c> finds them, a non-root final stage, files copied that exist. The syntax
/// itself is linted by tools/lint-dockerfile.sh.</summary>
public sealed partial class DockerfileTests
{
    /// <summary>Tags checked against dotnet/dotnet-docker's manifest.json (the repository the images are
    /// built from). .NET 10 is published for Ubuntu 24.04 (noble), Debian 13 (trixie-slim), Alpine and
    /// Azure Linux — not Debian 12 (bookworm-slim), so a bookworm tag cannot be pulled.</summary>
    private static readonly HashSet<string> PublishedImages =
    [
        "mcr.microsoft.com/dotnet/sdk:10.0-noble-aot",
        "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled",
        "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble",
    ];

    /// <summary>global.json roll-forward policies that accept a later feature band (10.0.5xx for 10.0.401).</summary>
    private static readonly string[] RollForwardAcceptingNewerBands = ["latestFeature", "latestMinor", "latestMajor", "feature", "minor", "major"];

    private static readonly string Root = RepositoryRoot.Require();

    private static readonly List<Stage> Stages = Parse(File.ReadAllText(Path.Combine(Root, "Dockerfile")));

    private static Stage Final => Stages[^1];

    [Fact]
    public void BaseImagesArePublishedTags()
    {
        var aliases = Stages.Select(s => s.Alias).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (Stage stage in Stages)
        {
            Assert.True(aliases.Contains(stage.Image) || PublishedImages.Contains(stage.Image),
                $"FROM {stage.Image}: not a tag known to be published (known: {string.Join(", ", PublishedImages)})");
        }
    }

    [Fact]
    public void BuildsWithTheAotSdkAndRunsOnRuntimeDeps()
    {
        Assert.Contains(Stages, s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal) && s.Image.EndsWith("-aot", StringComparison.Ordinal));
        // A NativeAOT binary is self-contained: the final image needs the native libraries, not a .NET runtime.
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:", Final.Image, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsAreShippedWhereRunFindsThem()
    {
        string target = Final.Copies.FirstOrDefault(c => c.Sources.Contains("plugins/"))?.Destination
            ?? throw new Xunit.Sdk.XunitException("the final stage does not COPY plugins/: `trdpsim run <pack>` would find no pack");
        string? configured = Final.Instructions.Where(i => i.Keyword == "ENV")
            .Select(i => Regex.Match(i.Arguments, @"\bTRDPSIM_PLUGINS=(\S+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).LastOrDefault();
        Assert.NotNull(configured);
        Assert.Equal(target.TrimEnd('/'), configured.TrimEnd('/'));
    }

    [Fact]
    public void FinalStageRunsAsNonRoot()
    {
        string? user = Final.Instructions.LastOrDefault(i => i.Keyword == "USER")?.Arguments;
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
    }

    [Fact]
    public void EntryPointAndCommandAreExecForm()
    {
        // The chiseled runtime image has no shell to run a shell-form command with.
        foreach (Instruction i in Final.Instructions.Where(i => i.Keyword is "ENTRYPOINT" or "CMD"))
        {
            Assert.True(IsJsonArray(i.Arguments), $"{i.Keyword} {i.Arguments}: use the exec form [\"…\"]");
        }
    }

    [Fact]
    public void CopiedFilesExistAndNoGitIsNeeded()
    {
        foreach (Copy copy in Stages.SelectMany(s => s.Copies).Where(c => c.FromStage is null))
        {
            foreach (string source in copy.Sources)
            {
                Assert.False(source is "." or "./" || source.StartsWith(".git", StringComparison.Ordinal),
                    $"COPY {source}: copies the whole context or .git; the build must work from a context without .git");
                Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"COPY {source}: no such file in the repository");
            }
        }
    }

    [Fact]
    public void DefaultCommandNamesAShippedConfiguration()
    {
        string[] command = JsonSerializer.Deserialize<string[]>(Final.Instructions.Last(i => i.Keyword == "CMD").Arguments)!;
        Copy configs = Final.Copies.Single(c => c.Sources.Contains("configs/"));
        string file = Assert.Single(command, a => a.StartsWith(configs.Destination, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Root, "configs", file[configs.Destination.Length..])), $"CMD names {file}, not a file of configs/");
    }

    [Fact]
    public void GlobalJsonAcceptsNewerFeatureBands()
    {
        // The SDK in the image is whatever 10.0 SDK its tag carries now; an exact pin would break the build.
        using JsonDocument global = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "global.json")));
        JsonElement sdk = global.RootElement.GetProperty("sdk");
        Assert.StartsWith("10.0.", sdk.GetProperty("version").GetString(), StringComparison.Ordinal);
        string roll = sdk.TryGetProperty("rollForward", out JsonElement value) ? value.GetString() ?? string.Empty : "latestPatch";
        Assert.Contains(roll, RollForwardAcceptingNewerBands);
    }

    [Fact]
    public void ParserReadsContinuationsStagesAndCopies()
    {
        List<Stage> stages = Parse("""
            # comment
            FROM a:1 AS build
            RUN x \
             && y
            FROM b:2
            COPY --from=build /out/x /bin/x
            COPY --chown=1:1 one/ two /dest/
            USER app
            """);
        Assert.Equal(["a:1", "b:2"], stages.Select(s => s.Image));
        Assert.Equal("build", stages[0].Alias);
        Assert.Equal("x \n && y", stages[0].Instructions.Single(i => i.Keyword == "RUN").Arguments);
        Assert.Equal("build", stages[1].Copies[0].FromStage);
        Assert.Equal(["one/", "two"], stages[1].Copies[1].Sources);
        Assert.Equal("/dest/", stages[1].Copies[1].Destination);
    }

    private static bool IsJsonArray(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(text) is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Instructions by stage: comments dropped, <c>\</c> continuations joined with a line break.</summary>
    private static List<Stage> Parse(string text)
    {
        var stages = new List<Stage>();
        string pending = string.Empty;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + "\n";
                continue;
            }

            Match m = InstructionLine().Match(pending + line);
            pending = string.Empty;
            var instruction = new Instruction(m.Groups[1].Value.ToUpperInvariant(), m.Groups[2].Value.Trim());
            if (instruction.Keyword == "FROM")
            {
                string[] words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(words[0], words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null));
            }

            stages[^1].Instructions.Add(instruction);
        }

        return stages;
    }

    [GeneratedRegex(@"^\s*([A-Za-z]+)\s+(.*)$", RegexOptions.Singleline)]
    private static partial Regex InstructionLine();

    private sealed record Instruction(string Keyword, string Arguments);

    /// <summary>A COPY: <c>--from</c> stage if any, sources, destination.</summary>
    private sealed record Copy(string? FromStage, List<string> Sources, string Destination);

    private sealed record Stage(string Image, string? Alias)
    {
        public List<Instruction> Instructions { get; } = [];

        public List<Copy> Copies => Instructions.Where(i => i.Keyword == "COPY").Select(i =>
        {
            var words = i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            string? from = words.FirstOrDefault(w => w.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
            words.RemoveAll(w => w.StartsWith("--", StringComparison.Ordinal));
            return new Copy(from, words.GetRange(0, words.Count - 1), words[^1]);
        }).ToList();
    }
}
