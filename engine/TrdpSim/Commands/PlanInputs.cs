using System.CommandLine;
using System.CommandLine.Parsing;

namespace TrdpSim.Cli.Commands;

/// <summary>What <c>run</c> and <c>validate</c> read a plan from: one or more files and the <c>--param</c> values
/// of its scenario.</summary>
internal static class PlanInputs
{
    /// <summary>The plan files: one or more, played as one run.</summary>
    public static Argument<string[]> Files() => new("files")
    {
        Description = "configuration (.toml), scenario (.js/.mjs), TCNopen device configuration (.xml), plugin folder or installed plugin name; several files make one run (the .xml files one train)",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = UpToUnknownOption,
    };

    /// <summary>Takes the files up to the first word that looks like an option and is no file.</summary>
    /// <remarks>An argument of many values would otherwise swallow a mistyped option (<c>--durtion 5s</c>)
    /// as two more file names; left untaken, the library reports it as unrecognized and suggests the
    /// option meant. A file whose name starts with '-' still works (it exists, or write <c>./-name</c>).</remarks>
    private static string[] UpToUnknownOption(ArgumentResult result)
    {
        var files = new List<string>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length > 1 && token.Value[0] == '-' && !Path.Exists(token.Value))
            {
                result.OnlyTake(files.Count);
                break;
            }

            files.Add(token.Value);
        }

        return [.. files];
    }

    /// <summary><c>--param name=value</c>, repeatable.</summary>
    public static Option<string[]> Parameters()
    {
        var option = new Option<string[]>("--param")
        {
            Description = "set scenario parameter name to value (repeatable; scenarios and plugins only) [default: each parameter's declared default]",
            HelpName = "name=value",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--param '{token.Value}': expected name=value");
                }
            }
        });
        return option;
    }

    /// <summary>The <c>--param</c> values as a map (a later value of the same name wins).</summary>
    public static Dictionary<string, string> Values(ParseResult parse, Option<string[]> option)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in parse.GetValue(option) ?? [])
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            values[pair[..eq]] = pair[(eq + 1)..];
        }

        return values;
    }
}
