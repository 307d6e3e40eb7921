using System.CommandLine;
using TrdpSim.Control;
using TrdpSim.Control.Security;
using TrdpSim.Hosting;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim serve</c>: the daemon. Runs are started, inspected and changed over HTTP (<c>trdpsim ctl</c>,
/// or any client of the API at <c>/openapi/v1.json</c>); SIGINT or SIGTERM stops every live run (each ends with its
/// summary, as <c>stopped</c>) and the daemon exits 0.</summary>
/// <remarks>Exit codes: 0 stopped by a signal, 2 a bad daemon config or an address that cannot be bound, 3 the token
/// file cannot be written.</remarks>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = OptionValues.Path("--config", "file", "daemon config with a [daemon] section (configs/daemon.toml) [default: none, every setting at its default]");
        var urls = OptionValues.Path("--urls", "url", $"where to listen, http://ip:port (several separated by commas) [default: the config's urls, else {ControlServerOptions.DefaultUrl}]");
        var tokenFile = OptionValues.Path("--token-file", "file", "where a generated token is written (mode 0600) and kept for the next start [default: the config's token-file, else $XDG_RUNTIME_DIR/trdpsim/token or ~/.local/share/trdpsim/token]");
        var dataDirectory = OptionValues.Path("--data-dir", "folder",
            $"the run store every daemon run is recorded into (file {Records.RunStoreLocation.FileName}) [default: the config's data-dir, else {Records.RunStoreLocation.DefaultText}]");
        var newToken = OptionValues.Flag("--new-token", "replace the token kept in the token file with a new one (open pages and scripts then need the new one)");
        var noStore = OptionValues.Flag("--no-store", "do not record the daemon's runs into the run store [default: every run is recorded]");
        var command = new Command("serve", "run as a daemon: start, pause, stop runs, inject faults and change telegrams over HTTP") { config, urls, tokenFile, newToken, dataDirectory, noStore };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetValue(config), parse.GetValue(urls), parse.GetValue(tokenFile), parse.GetValue(newToken), parse.GetValue(dataDirectory), parse.GetValue(noStore)));
        return command;
    }

    private static async Task<int> ExecuteAsync(string? configPath, string? urls, string? tokenFile, bool newToken, string? dataDirectory, bool noStore)
    {
        if (DaemonSettingsFile.Load(configPath) is not { } settings)
        {
            return ExitCodes.Usage;
        }

        var pluginDirectory = settings.PluginDirectory ?? PluginDirectory.Default();
        if (pluginDirectory is null)
        {
            Console.Error.WriteLine($"trdpsim: no plugin directory: set plugin-dir in the daemon config, ${PluginDirectory.EnvironmentVariable} or HOME");
            return ExitCodes.Usage;
        }

        ControlToken token;
        try
        {
            token = ControlToken.Resolve(settings.Token, tokenFile ?? settings.TokenFile, renew: newToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim: cannot write the token file: {e.Message}");
            return ExitCodes.RuntimeError;
        }

        // As trdpsim run: a store that cannot be opened is said, and the daemon plays its runs unrecorded.
        var store = noStore ? null : StoreOptions.Open(dataDirectory ?? settings.DataDirectory);
        if (store is null && !noStore)
        {
            Console.Error.WriteLine("trdpsim: the daemon's runs are not recorded (pass --no-store to skip the run store on purpose)");
        }

        using var interrupts = new RunInterrupts();
        await using var registry = new RunRegistry(new RunRegistryOptions
        {
            MaxLiveRuns = settings.MaxLiveRuns,
            MaxFinishedRuns = settings.MaxFinishedRuns,
            FinishedRetention = settings.FinishedRetention,
            PluginDirectory = pluginDirectory,
            Store = store,
            HostOptions = _ => new RunHostOptions { SettleHeapAtStart = true }, // while no other run is live
        });
        ControlServer server;
        var listen = (urls ?? settings.Urls ?? ControlServerOptions.DefaultUrl).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        try
        {
            server = await ControlServer.StartAsync(new ControlServerOptions
            {
                Urls = listen,
                Runs = registry,
                Token = token,
                PluginDirectory = pluginDirectory,
                Store = store,
            }, interrupts.Token).ConfigureAwait(false);
        }
        // Kestrel wraps "address in use" in an IOException but lets "cannot assign requested address" (an address this
        // host does not have) through as a SocketException, which ended as an internal error with its stack trace.
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or ArgumentException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"trdpsim: cannot serve on {string.Join(", ", listen)}: {e.InnerException?.Message ?? e.Message} (choose another with --urls)");
            return ExitCodes.Usage;
        }

        await using (server.ConfigureAwait(false))
        {
            Console.Error.WriteLine($"trdpsim: serving on {string.Join(", ", server.Addresses)} — API /api/, /metrics, /openapi/v1.json; plugins in {pluginDirectory}");
            if (store is not null)
            {
                Console.Error.WriteLine($"trdpsim: recording every run in {store.FilePath} (/api/store/runs)");
            }

            Console.Error.WriteLine($"trdpsim: changing requests need the bearer token ({token.Source}" + (token.File is { } file ? $", in {file}, mode 0600)" : ")"));
            try
            {
                await Task.Delay(Timeout.Infinite, interrupts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM: stop the runs with their summaries, then the server.
            }

            Console.Error.WriteLine("trdpsim: stopping every live run");
            await registry.ShutdownAsync().ConfigureAwait(false);
        }

        Console.Error.WriteLine("trdpsim: stopped");
        return ExitCodes.Ok;
    }
}
