using System.CommandLine;

namespace TrdpSim.Cli.Commands;

/// <summary>How <c>run</c> and <c>validate</c> take a plan: the files, <c>--param</c>, <c>--address-map</c> and
/// <c>--allow-network</c>, declared once so that both commands read a plan alike.</summary>
internal sealed class PlanFlags
{
    private PlanFlags()
    {
    }

    public Argument<string[]> Files { get; } = PlanInputs.Files();

    public Option<string[]> Parameters { get; } = PlanInputs.Parameters();

    public Option<string[]> AddressMap { get; } = NetworkOptions.AddressMap();

    public Option<bool> AllowNetwork { get; } = NetworkOptions.AllowNetwork();

    public static PlanFlags Create() => new();

    /// <summary>A command that takes these first (<c>--help</c> lists options in the order they were added); the
    /// caller adds its own options after them.</summary>
    public Command Command(string name, string description) => new(name, description)
    {
        Files,
        Parameters,
        AddressMap,
        AllowNetwork,
    };

    public IReadOnlyList<string> ReadFiles(ParseResult parse) => parse.GetRequiredValue(Files);

    public Dictionary<string, string> ReadParameters(ParseResult parse) => PlanInputs.Values(parse, Parameters);

    /// <summary>The address map and network permission as <see cref="ValidateCommand.Load"/> takes them.</summary>
    public PlanOptions ReadOptions(ParseResult parse) =>
        new() { AddressMap = NetworkOptions.Rules(parse, AddressMap), AllowNetwork = parse.GetValue(AllowNetwork) };
}
