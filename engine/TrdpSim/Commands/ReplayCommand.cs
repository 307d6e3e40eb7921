using System.CommandLine;
using System.Globalization;
using TrdpSim.Recording.Captures;
using TrdpSim.Recording.Replay;
using TrdpSim.Reporting;
using TrdpSim.Scheduling;
using TrdpSim.Transport;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim replay &lt;capture&gt;</c>: sends the TRDP datagrams of a pcap or pcapng file again, with
/// their timing, to loopback unless <c>--allow-network</c>; prints what was sent and how well the timing held.</summary>
/// <remarks>Exit codes: 0 every frame sent, 2 bad options, an unreadable capture or a refused address, 3 a frame
/// the socket refused, 130/143 interrupted.</remarks>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var capture = new Argument<string>("capture") { Description = "the capture to replay (.pcap or .pcapng; Ethernet, Linux cooked or raw IPv4)" };
        var speed = Speed();
        var comIdMap = Repeatable("--comid-map", "from=to",
            "rewrite ComId from to to in every frame's header (and a pull request's reply ComId), e.g. 1000=2000; repeatable [default: none]");
        var addressMap = Repeatable("--address-map", "from=to",
            "rewrite addresses (sources: the replaying socket binds the mapped address; destinations), e.g. 10.0.0.1=127.0.0.2 or 10.0.0.0/24=127.0.1.0/24; repeatable [default: none]");
        var renumber = OptionValues.Flag("--renumber", "give PD frames new sequence counters from 0 per source, destination, ComId and type [default: as captured]");
        var keepFcs = OptionValues.Flag("--keep-fcs", "keep the captured header FCS of frames whose FCS was already wrong, even after a rewrite [default: every rewritten header gets a correct FCS]");
        var pdPort = Port("--pd-port", "UDP port of PD: packets from or to it are replayed [default: 17224]");
        var mdPort = Port("--md-port", "UDP port of MD: packets from or to it are replayed [default: 17225]");
        var wait = new Option<string>("--wait")
        {
            Description = "how the pacing thread waits: hybrid (sleep, then spin), sleep or spin [default: hybrid]",
            HelpName = "hybrid|sleep|spin",
        };
        wait.AcceptOnlyFromAmong("hybrid", "sleep", "spin");
        var allowNetwork = OptionValues.Flag("--allow-network", "send to addresses outside 127.0.0.0/8 (a real network) [default: refuse them]");
        var summaryJson = OptionValues.Path("--summary-json", "file", "also write the replay's figures as JSON to this file [default: no file]");
        var command = new Command("replay", "send the TRDP datagrams of a pcap/pcapng capture again with their timing (scaled, or as fast as possible)")
        {
            capture, speed, comIdMap, addressMap, renumber, keepFcs, pdPort, mdPort, wait, allowNetwork, summaryJson,
        };
        command.SetAction(parse =>
        {
            var options = new ReplayOptions
            {
                Speed = parse.GetValue(speed) ?? 1,
                ComIds = ComIds(parse.GetValue(comIdMap)),
                Addresses = Addresses(parse.GetValue(addressMap)),
                Renumber = parse.GetValue(renumber),
                KeepFcs = parse.GetValue(keepFcs),
                PdPort = parse.GetValue(pdPort) ?? 17224,
                MdPort = parse.GetValue(mdPort) ?? 17225,
                AllowNetwork = parse.GetValue(allowNetwork),
            };
            return Execute(parse.GetRequiredValue(capture), options, parse.GetValue(wait) ?? "hybrid", parse.GetValue(summaryJson));
        });
        return command;
    }

    public static int Execute(string path, ReplayOptions options, string wait, string? summaryPath)
    {
        ReplayCapture capture;
        try
        {
            using var stream = File.OpenRead(path);
            capture = ReplayCapture.Load(stream, options.PdPort, options.MdPort);
        }
        catch (CaptureFormatException e)
        {
            Console.Error.WriteLine($"trdpsim: {path}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"trdpsim: cannot read {path}: {e.Message}");
            return ExitCodes.Usage;
        }

        var rewrites = ReplayRewriter.Apply(capture, options);
        if (!options.AllowNetwork && ReplayNetworkGuard.Exposed(capture.Frames) is { Count: > 0 } exposed)
        {
            Console.Error.WriteLine($"trdpsim: {ReplayNetworkGuard.Advice(exposed)}");
            return ExitCodes.Usage;
        }

        Console.Error.WriteLine($"trdpsim: replaying {capture.Frames.Count} TRDP frame(s) of {path} ({capture.Records} record(s))");
        using var interrupts = new RunInterrupts();
        ReplayResult result;
        try
        {
            result = Replayer.Run(capture, rewrites, options, new SocketUdpTransport(), WaitStrategy(wait), interrupts.Token);
        }
        catch (ReplayException e)
        {
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return ExitCodes.Usage;
        }

        Console.WriteLine(ReplayReport.Format(result, path));
        if (summaryPath is not null)
        {
            using var file = File.Create(summaryPath);
            ReplayReport.WriteJson(file, result, path);
        }

        if (interrupts.Reason is { } reason)
        {
            return reason == RunStopReason.InterruptedSigTerm ? ExitCodes.InterruptedBySigTerm : ExitCodes.InterruptedBySigInt;
        }

        return result.SendFailures > 0 ? ExitCodes.RuntimeError : ExitCodes.Ok;
    }

    private static IWaitStrategy WaitStrategy(string name) => name switch
    {
        "sleep" => new SleepWaitStrategy(),
        "spin" => SpinWaitStrategy.Instance,
        _ => new HybridWaitStrategy(),
    };

    /// <summary><c>--speed</c>: a positive factor, or <c>max</c>.</summary>
    private static Option<double?> Speed()
    {
        var option = new Option<double?>("--speed")
        {
            Description = "time scale: 1 = the captured timing, 2 = twice as fast, 0.5 = half as fast, max = as fast as possible [default: 1]",
            HelpName = "factor|max",
        };
        option.CustomParser = result =>
        {
            var text = OptionValues.Value(result);
            if (string.Equals(text, "max", StringComparison.OrdinalIgnoreCase))
            {
                return double.PositiveInfinity;
            }

            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"--speed '{text}': expected a positive factor (1, 2, 0.5) or max");
            return null;
        };
        return option;
    }

    private static Option<ushort?> Port(string name, string description)
    {
        var option = new Option<ushort?>(name) { Description = description, HelpName = "port" };
        option.CustomParser = result =>
        {
            var text = OptionValues.Value(result);
            if (ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0)
            {
                return port;
            }

            result.AddError($"{name} '{text}': expected a port from 1 to 65535");
            return null;
        };
        return option;
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.OneOrMore };
        option.Validators.Add(result =>
        {
            var comIds = new ComIdMap();
            var addresses = new AddressMap();
            foreach (var token in result.Tokens)
            {
                var ok = name == "--comid-map" ? comIds.TryAdd(token.Value, out var error) : addresses.TryAdd(token.Value, out error);
                if (!ok)
                {
                    result.AddError($"{name} {error}");
                }
            }
        });
        return option;
    }

    private static ComIdMap ComIds(string[]? values)
    {
        var map = new ComIdMap();
        foreach (var value in values ?? [])
        {
            map.TryAdd(value, out _);
        }

        return map;
    }

    private static AddressMap Addresses(string[]? values)
    {
        var map = new AddressMap();
        foreach (var value in values ?? [])
        {
            map.TryAdd(value, out _);
        }

        return map;
    }
}
