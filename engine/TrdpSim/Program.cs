using TrdpSim.Cli.Commands;

namespace TrdpSim.Cli;

/// <summary>Entry point: picks the command; all work happens in <c>TrdpSim.Core</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var line = CommandLine.Parse(args);
        return line.Verb switch
        {
            "run" => await RunCommand.ExecuteAsync(line).ConfigureAwait(false),
            "validate" => ValidateCommand.Execute(line),
            "plugin" => PluginCommand.Execute(line),
            "version" or "--version" => Version(),
            "help" or "--help" or "-h" => Help(ExitCodes.Ok),
            _ => Unknown(line.Verb),
        };
    }

    private static int Version()
    {
        Console.WriteLine($"trdpsim {typeof(Program).Assembly.GetName().Version}");
        return ExitCodes.Ok;
    }

    private static int Unknown(string verb)
    {
        Console.Error.WriteLine($"trdpsim: unknown command '{verb}'");
        return Help(ExitCodes.Usage);
    }

    private static int Help(int code)
    {
        var writer = code == ExitCodes.Ok ? Console.Out : Console.Error;
        writer.WriteLine("""
            usage: trdpsim <command> [options]

              run <config.toml | scenario.js | plugin dir | plugin name>
                                      play the devices of a configuration, JavaScript scenario or plugin
                  --param <k=v>       set scenario parameter k (repeatable; scenarios and plugins only)
                  --duration <d>      stop after d (e.g. 30s, 5m); default: the config's run.duration, else until Ctrl-C
                  --seed <n>          seed for generators (default: the config's run.seed)
                  --metrics <ip:port> serve /metrics there (default: the config's metrics.listen); 'off' disables
                  --summary-json <f>  also write the final summary as JSON to file f
                  --warmup <d>        start of the steady window for memory/GC figures (default: min(10s, duration/4))
                  --no-progress       no live progress line
                engine (each also an [engine] key; the option wins):
                  --wait <mode>       efficient (default) | precision | sleep | spin: how the wheel thread waits
                  --send-grid <d>     grid first sends are shaped onto (default: 1ms efficient, else the tick)
                  --spin-window <d>   efficient wait's spin before a deadline: auto (measured, default), or e.g. 50us, 0
                  --realtime <p>      off (default) | fifo | rr: real-time scheduling of the wheel thread
                  --realtime-priority <n>  1-99 (default 10)
                  --realtime-receive  the receive threads get the real-time policy too
                  --lock-memory       mlockall: no page fault on a hot path
                  --wheel-cpus <l>    CPUs for the wheel thread (e.g. 1, 2-3); --receive-cpus <l> for receive threads
                  --stall-threshold <d>  shortest stall of trdpsim's own threads that counts (default 5ms)
                  --stalls-in-verdicts   count effects inside trdpsim's own stalls against the device
              validate <config.toml | scenario.js | plugin dir | plugin name> [--param k=v]
                                      check a configuration, scenario or plugin; errors as file:line:col
              plugin validate <plugin dir | name | pack.trdpplugin> [--param k=v]
                                      check a plugin (or a pack, verified as install does): manifest,
                                      scenario, and that their parameters agree
              plugin pack <plugin dir> [--out <folder>]
                                      write <name>-<version>.trdpplugin and its .sha256 (default: here)
              plugin install <pack.trdpplugin> [--dir <folder>] [--force] [--sha256 <hex>]
                                      verify a pack and install it (default dir: $TRDPSIM_PLUGINS,
                                      else ~/.local/share/trdpsim/plugins); --force replaces another version
              plugin list [--dir <folder>]
                                      installed plugins: name, version, API version, description
              version                 print the version

            exit codes: 0 ok, 1 thresholds failed, 2 usage or configuration error, 3 runtime error
            """);
        return code;
    }
}
