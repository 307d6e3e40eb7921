using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TrdpSim.Hosting;
using TrdpSim.Plan;

namespace TrdpSim.Cli.Commands;

/// <summary>Options whose values need checking, shared by the verbs. A bad value is a parse error that names the
/// option, the value and what is expected, so the command line ends with exit code 2 before anything runs.</summary>
internal static class OptionValues
{
    /// <summary>A duration (<c>30s</c>, <c>250ms</c>, <c>1m30s</c>); zero only where <paramref name="allowZero"/>.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, bool allowZero)
    {
        var option = new Option<TimeSpan?>(name) { Description = description, HelpName = "duration" };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (DurationParser.TryParse(text, out TimeSpan value, out string error) && (allowZero || value > TimeSpan.Zero))
            {
                return value;
            }

            string problem = !allowZero && (error.Length == 0 || text.StartsWith('-')) ? "must be positive" : error;
            string example = problem.Contains("unit", StringComparison.Ordinal) ? string.Empty : " (a duration such as 30s, 250ms, 5m or 1m30s)";
            result.AddError($"{name} '{text}': {problem}{example}");
            return null;
        };
        return option;
    }

    /// <summary>A whole number from 0 to 2^64-1.</summary>
    public static Option<ulong?> UnsignedInteger(string name, string description)
    {
        var option = new Option<ulong?>(name) { Description = description, HelpName = "n" };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            {
                return value;
            }

            result.AddError($"{name} '{text}': expected a whole number from 0 to {ulong.MaxValue}");
            return null;
        };
        return option;
    }

    /// <summary>An <c>a.b.c.d:port</c> endpoint, or <c>off</c> (returned as <c>"off"</c>).</summary>
    public static Option<string?> EndpointOrOff(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "ip:port|off" };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
            {
                return "off";
            }

            if (AddressParser.TryParseEndpoint(text, out _, out _))
            {
                return text;
            }

            result.AddError($"{name} '{text}': expected ip:port (e.g. 127.0.0.1:9464; port 0 = any free port) or off");
            return null;
        };
        return option;
    }

    /// <summary><c>--log-format text|json</c>.</summary>
    public static Option<LogFormat> LogFormatOption()
    {
        var option = new Option<LogFormat>("--log-format")
        {
            Description = "how log lines on stderr look: text or json (one JSON object per line) [default: text]",
            HelpName = "text|json",
            DefaultValueFactory = _ => LogFormat.Text,
        };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (string.Equals(text, "text", StringComparison.OrdinalIgnoreCase))
            {
                return LogFormat.Text;
            }

            if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
            {
                return LogFormat.Json;
            }

            result.AddError($"--log-format '{text}': expected text or json");
            return LogFormat.Text;
        };
        return option;
    }

    /// <summary><c>--log-level trace|debug|info|warn|error|none</c>.</summary>
    public static Option<LogLevel> LogLevelOption()
    {
        var names = string.Join("|", EngineLogging.LevelNames);
        var option = new Option<LogLevel>("--log-level")
        {
            Description = "least important log lines shown [default: info]",
            HelpName = names,
            DefaultValueFactory = _ => LogLevel.Information,
        };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (EngineLogging.TryParseLevel(text, out var level))
            {
                return level;
            }

            result.AddError($"--log-level '{text}': expected one of {string.Join(", ", EngineLogging.LevelNames)}");
            return LogLevel.Information;
        };
        return option;
    }

    /// <summary>A SHA-256 as 64 hex digits.</summary>
    public static Option<string?> Sha256(string description)
    {
        const string name = "--sha256";
        var option = new Option<string?>(name) { Description = description, HelpName = "hex" };
        option.CustomParser = result =>
        {
            string text = Value(result);
            if (text.Length == 64 && IsHex(text))
            {
                return text;
            }

            result.AddError($"{name} '{text}': expected 64 hex digits (a SHA-256)");
            return null;
        };
        return option;
    }

    /// <summary>A file or folder path (not checked here: the verb says what is wrong with it).</summary>
    public static Option<string?> Path(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>A flag (no value).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>The value as typed (the last one when the option was repeated).</summary>
    public static string Value(SymbolResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static bool IsHex(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
