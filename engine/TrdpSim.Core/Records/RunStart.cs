using TrdpSim.Plan;
using TrdpSim.Reporting;

namespace TrdpSim.Records;

/// <summary>What the store records when a run begins: its manifest (all but the stop), its inputs with their
/// contents, its telegram groups and thresholds.</summary>
internal sealed record RunStart
{
    /// <summary>The plan's name.</summary>
    public required string Name { get; init; }

    public required ulong Seed { get; init; }

    public TimeSpan? DurationRequested { get; init; }

    /// <summary>The statistics interval (default 10 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<string> CommandLine { get; init; } = [];

    public IReadOnlyList<ParameterValue> Parameters { get; init; } = [];

    /// <summary>The plan's files with their hashes; <see cref="InputContents"/> holds their bytes.</summary>
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];

    /// <summary>The content of each of <see cref="Inputs"/> (same order; null when it could not be read).</summary>
    public IReadOnlyList<byte[]?> InputContents { get; init; } = [];

    public required HostDescription Host { get; init; }

    public string Version { get; init; } = BuildInfo.Version;

    public string Commit { get; init; } = BuildInfo.Commit;

    /// <summary>The run's telegram groups, in index order.</summary>
    public IReadOnlyList<StoredGroup> Groups { get; init; } = [];

    /// <summary>The text of each threshold, in plan order.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>Reads the contents of <paramref name="inputs"/> (a file gone since is kept as null).</summary>
    public static IReadOnlyList<byte[]?> ReadContents(IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var contents = new byte[]?[inputs.Count];
        for (int i = 0; i < contents.Length; i++)
        {
            try
            {
                contents[i] = File.ReadAllBytes(inputs[i].Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                contents[i] = null;
            }
        }

        return contents;
    }

    /// <summary>Plan name and a hash of the inputs' contents and the parameters: the scenario a baseline belongs to.</summary>
    public string ScenarioKey()
    {
        var text = new System.Text.StringBuilder();
        foreach (InputFile input in Inputs)
        {
            text.Append(input.Sha256 ?? "?").Append('\n');
        }

        foreach (ParameterValue parameter in Parameters)
        {
            text.Append(parameter.Name).Append('=').Append(parameter.Value).Append('\n');
        }

        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Name + "@" + Convert.ToHexStringLower(hash)[..12];
    }
}
