using System.CommandLine;
using TrdpSim.Plan;
using TrdpSim.Recording;
using TrdpSim.Reporting;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim run</c>'s recording options: <c>--record</c>, <c>--record-direction</c>, <c>--record-filter</c>,
/// <c>--record-rotate</c>. Bad values are parse errors (exit 2) that name the option and the value.</summary>
internal sealed class RecordFlags
{
    private RecordFlags()
    {
        File = OptionValues.Path("--record", "file.pcapng",
            "record the devices' telegrams into this pcapng file (Ethernet/IPv4/UDP or TCP with the real addresses and ports; readable by Wireshark and tshark) [default: no recording]");
        Direction = new Option<RecordingDirection?>("--record-direction")
        {
            Description = "which telegrams to record: sent, received or both [default: both]",
            HelpName = "sent|received|both",
            CustomParser = result =>
            {
                var text = OptionValues.Value(result);
                if (Enum.TryParse<RecordingDirection>(text, ignoreCase: true, out var value) && !text.All(char.IsAsciiDigit))
                {
                    return value;
                }

                result.AddError($"--record-direction '{text}': expected sent, received or both");
                return null;
            },
        };
        Filter = Terms("--record-filter", "key=value,…",
            "record only these telegrams: comid=1000,1001 and/or device=name,… (terms of different keys must all hold; repeatable) [default: every telegram]",
            terms => RecordingFilter.TryParse(terms, out _, out var error) ? null : error);
        Rotate = Terms("--record-rotate", "size|duration",
            "start a new numbered file (name-0001.pcapng, …) after this size (100MB, 512KiB) and/or time (10m) [default: one file]",
            terms => RecordingRotation.TryParse(terms, out _, out var error) ? null : error);
    }

    public Option<string?> File { get; }

    public Option<RecordingDirection?> Direction { get; }

    public Option<string[]> Filter { get; }

    public Option<string[]> Rotate { get; }

    public static RecordFlags Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Direction);
        command.Options.Add(Filter);
        command.Options.Add(Rotate);
    }

    /// <summary>The recording asked for; null without <c>--record</c> (the other options then must not be given:
    /// a parse error says so).</summary>
    public RecordingOptions? Read(ParseResult parse)
    {
        if (parse.GetValue(File) is not { } path)
        {
            return null;
        }

        RecordingFilter.TryParse(parse.GetValue(Filter) ?? [], out var filter, out _);
        RecordingRotation.TryParse(parse.GetValue(Rotate) ?? [], out var rotation, out _);
        return new RecordingOptions
        {
            Path = path,
            Direction = parse.GetValue(Direction) ?? RecordingDirection.Both,
            Filter = filter,
            Rotation = rotation,
            Application = BuildInfo.Describe(),
        };
    }

    /// <summary>Refuses recording options without <c>--record</c>: they would silently do nothing.</summary>
    public void RequireFileFor(Command command)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(File) is not null)
            {
                return;
            }

            foreach (Option option in new Option[] { Direction, Filter, Rotate })
            {
                if (result.GetResult(option) is { Implicit: false })
                {
                    result.AddError($"{option.Name} needs --record <file.pcapng>");
                }
            }
        });
    }

    /// <summary>An error when the device filter names a device the plan does not have; null when it is fine.</summary>
    public static string? CheckDevices(RecordingOptions recording, RunPlan plan)
    {
        if (recording.Filter.DeviceNames is not { } devices)
        {
            return null;
        }

        var names = plan.Devices.Select(d => d.Name).ToList();
        foreach (var device in devices)
        {
            if (!names.Contains(device, StringComparer.Ordinal))
            {
                return $"--record-filter device={device}: the plan has no device '{device}' (devices: {string.Join(", ", names)})";
            }
        }

        return null;
    }

    /// <summary>A repeatable option of comma-separated terms, refused at parse time by the same parser
    /// <see cref="Read"/> uses later (<paramref name="check"/> returns its error, or null).</summary>
    private static Option<string[]> Terms(string name, string helpName, string description, Func<IEnumerable<string>, string?> check)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        option.Validators.Add(result =>
        {
            if (check(result.Tokens.Select(t => t.Value)) is { } error)
            {
                result.AddError($"{name} {error}");
            }
        });
        return option;
    }
}
