using System.CommandLine;
using System.Net;
using TrdpSim.Control;
using TrdpSim.Control.Security;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl …</c>: a client for every endpoint of a running <c>trdpsim serve</c>. One file per sub-verb;
/// what they share (the daemon's address and token, the exit-code rules) is here.</summary>
/// <remarks>Exit codes: 0 done; 1 the run asked about failed (thresholds, a <c>run.fail()</c>, errors) or was aborted;
/// 2 bad usage or a request the daemon refused (4xx: unknown run, conflict, bad value, no or wrong token);
/// 3 the daemon could not be reached or failed (5xx).</remarks>
internal static class CtlCommand
{
    /// <summary><c>--url</c>, for every sub-verb.</summary>
    public static readonly Option<string?> Url = new("--url")
    {
        Description = $"the daemon [default: the daemon config's urls (first), else {ControlServerOptions.DefaultUrl}]",
        HelpName = "url",
        Recursive = true,
    };

    /// <summary><c>--token-file</c>, for every sub-verb.</summary>
    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = $"where the daemon's token is [default: ${ControlToken.EnvironmentVariable}, else the daemon config's token-file, else the daemon's default file]",
        HelpName = "file",
        Recursive = true,
    };

    /// <summary><c>--config</c>: the daemon config <c>serve</c> was started with (its urls and token-file).</summary>
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "the daemon config, for its urls and token-file [default: none]",
        HelpName = "file",
        Recursive = true,
    };

    /// <summary><c>--json</c>: print the daemon's answer as it is.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "print the daemon's JSON answer as it is", Recursive = true };

    public static Command Create()
    {
        var command = new Command("ctl", "talk to a running 'trdpsim serve': runs, faults, telegrams, fields, parameters, plugins, live events")
        {
            CtlStatusCommand.Create(),
            CtlStartCommand.Create(),
            CtlLifecycleCommand.Create("pause", "pause a run's traffic"),
            CtlLifecycleCommand.Create("resume", "let a paused run's traffic go again"),
            CtlLifecycleCommand.Create("stop", "stop a run now (it ends with its summary)"),
            CtlLifecycleCommand.Create("reset", "take back every change made over the control plane and reset the scenarios"),
            CtlFaultCommand.Create(),
            CtlTelegramCommand.Create(),
            CtlFieldCommand.Create(),
            CtlParamCommand.Create(),
            CtlPluginCommand.Create(),
            CtlWatchCommand.Create(),
        };
        command.Options.Add(Url);
        command.Options.Add(TokenFile);
        command.Options.Add(Config);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>Runs <paramref name="action"/> with a client for the daemon the options name; a daemon that cannot be
    /// reached is exit 3, a bad config exit 2.</summary>
    public static async Task<int> WithClientAsync(ParseResult parse, Func<CtlClient, Task<int>> action, TimeSpan? timeout = null)
    {
        if (DaemonSettingsFile.Load(parse.GetValue(Config)) is not { } settings)
        {
            return ExitCodes.Usage;
        }

        var url = parse.GetValue(Url) ?? settings.Urls?.Split(',')[0].Trim() ?? ControlServerOptions.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp)
        {
            Console.Error.WriteLine($"trdpsim ctl: --url '{url}': expected http://host:port");
            return ExitCodes.Usage;
        }

        using var client = new CtlClient(address, Token(parse.GetValue(TokenFile) ?? settings.TokenFile), timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            return await action(client).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"trdpsim ctl: cannot reach the daemon at {address}: {e.Message}");
            return ExitCodes.RuntimeError;
        }
        catch (TaskCanceledException)
        {
            Console.Error.WriteLine($"trdpsim ctl: the daemon at {address} did not answer in time");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>Sends a request and prints the answer: <paramref name="print"/> for a success (the body as it is with
    /// <c>--json</c>), the problem for a failure.</summary>
    public static async Task<int> SendAsync(ParseResult parse, CtlClient client, HttpMethod method, string path, HttpContent? content, Func<string, int> print)
    {
        var (status, body) = await client.SendAsync(method, path, content).ConfigureAwait(false);
        if ((int)status >= 400)
        {
            return CtlClient.Fail(status, body);
        }

        if (parse.GetValue(Json))
        {
            Console.WriteLine(body);
            return ExitCodes.Ok;
        }

        return print(body);
    }

    /// <summary>A path segment: a run id, a telegram (<c>name#3</c>), a field.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The <c>id</c> argument every verb on one live run takes.</summary>
    public static Argument<string> RunId() => new("id") { Description = "the run" };

    /// <summary><c>/api/runs/{id}</c> of the run <paramref name="id"/> names, followed by <paramref name="rest"/>.</summary>
    public static string RunPath(ParseResult parse, Argument<string> id, string rest) =>
        $"/api/runs/{Segment(parse.GetRequiredValue(id))}{rest}";

    /// <summary>The <paramref name="words"/> split at their first '=' into keys and values, in order; null after
    /// printing the first word that is not <paramref name="shape"/> (<c>key=value</c>, <c>name=value</c>).</summary>
    public static List<KeyValuePair<string, string>>? Pairs(IEnumerable<string> words, string shape)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                Console.Error.WriteLine($"trdpsim ctl: '{word}': expected {shape}");
                return null;
            }

            pairs.Add(new(word[..eq], word[(eq + 1)..]));
        }

        return pairs;
    }

    /// <summary><c>?device=…</c>, or nothing.</summary>
    public static string DeviceQuery(string? device) => device is null ? string.Empty : "?device=" + Uri.EscapeDataString(device);

    /// <summary>The token: <c>$TRDPSIM_TOKEN</c>, else the token file; null when neither has one (reads still work).</summary>
    private static string? Token(string? file)
    {
        if (Environment.GetEnvironmentVariable(ControlToken.EnvironmentVariable) is { Length: > 0 } token)
        {
            return token.Trim();
        }

        var path = file ?? ControlToken.DefaultFile();
        try
        {
            return path is null ? null : ControlToken.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim ctl: cannot read the token file {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether a status code is a success.</summary>
    public static bool Ok(HttpStatusCode status) => (int)status < 400;
}
