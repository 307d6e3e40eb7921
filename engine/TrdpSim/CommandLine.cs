namespace TrdpSim.Cli;

/// <summary>The parsed command line: a verb, positional arguments and <c>--name value</c> options.</summary>
/// <remarks>Hand-written rather than System.CommandLine: six options do not justify a dependency whose
/// trimming story changes between previews, and the error messages here can name the exact problem.</remarks>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(string verb) => Verb = verb;

    public string Verb { get; }

    public List<string> Arguments { get; } = [];

    /// <summary>Options that may be given more than once (<c>--param a=1 --param b=2</c>).</summary>
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { "--param" };

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "--no-progress", "--force", "--help", "-h", "--realtime-receive", "--lock-memory", "--stalls-in-verdicts",
    };

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine(args.Length > 0 ? args[0] : "help");
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (Repeatable.Contains(arg) && i + 1 < args.Length)
            {
                line._options[arg] = args[++i];
                if (!line._repeated.TryGetValue(arg, out var values))
                {
                    values = [];
                    line._repeated[arg] = values;
                }

                values.Add(line._options[arg]!);
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    line._options[arg[..eq]] = arg[(eq + 1)..];
                }
                else if (Flags.Contains(arg) || i + 1 >= args.Length)
                {
                    line._options[arg] = null;
                }
                else
                {
                    line._options[arg] = args[++i];
                }
            }
            else
            {
                line.Arguments.Add(arg);
            }
        }

        return line;
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Value(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Every value of a repeatable option, in order (empty when not given).</summary>
    public IReadOnlyList<string> Values(string name)
    {
        _used.Add(name);
        return _repeated.TryGetValue(name, out var values) ? values : [];
    }

    /// <summary>Options given but never asked for: typos the user should hear about.</summary>
    public IEnumerable<string> Unused()
    {
        foreach (var name in _options.Keys)
        {
            if (!_used.Contains(name))
            {
                yield return name;
            }
        }
    }
}
