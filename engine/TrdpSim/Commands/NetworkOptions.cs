using System.CommandLine;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;

namespace TrdpSim.Cli.Commands;

/// <summary><c>--address-map</c> and <c>--allow-network</c>: where a plan's addresses play, and whether a run may
/// leave this machine.</summary>
internal static class NetworkOptions
{
    /// <summary>Where rules given on the command line come from, in messages.</summary>
    public static readonly SourceLocation CommandLineOrigin = new("--address-map", 0, 0);

    /// <summary><c>--address-map from=to</c>, repeatable; each value is checked while parsing (exit 2 when bad).</summary>
    public static Option<string[]> AddressMap()
    {
        var option = new Option<string[]>("--address-map")
        {
            Description = "rewrite the plan's addresses: an address (10.0.0.221=127.0.0.2) or a network onto one of the same size (10.0.0.0/24=127.0.1.0/24); repeatable, the most specific rule wins [default: none, and a configuration's [import] address-map]",
            HelpName = "from=to",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!AddressMapRule.TryParse(token.Value, CommandLineOrigin, out _, out string error))
                {
                    result.AddError($"--address-map {error}");
                }
            }
        });
        return option;
    }

    /// <summary><c>--allow-network</c>.</summary>
    public static Option<bool> AllowNetwork() => OptionValues.Flag(
        "--allow-network",
        "let the run send to, listen on and join groups on addresses outside 127.0.0.0/8 (a test network) [default: refused, unless the configuration sets [network] allow-network = true]");

    /// <summary>The rules as parsed (already validated).</summary>
    public static List<AddressMapRule> Rules(ParseResult parse, Option<string[]> option)
    {
        var rules = new List<AddressMapRule>();
        foreach (string text in parse.GetValue(option) ?? [])
        {
            if (AddressMapRule.TryParse(text, CommandLineOrigin, out AddressMapRule? rule, out _))
            {
                rules.Add(rule!);
            }
        }

        return rules;
    }
}
