using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;
using TrdpSim.Plan.Addresses;

namespace TrdpSim.Configuration;

/// <summary>The <c>[[device]]</c> tables and their telegrams.</summary>
public static partial class TomlPlanWriter
{
    /// <summary>The order a field generator's keys are written in: its range before its step and value.</summary>
    private static readonly string[] GeneratorKeyOrder = ["min", "max", "step", "value", "after", "values"];

    /// <summary>A counter's: from its value by its step.</summary>
    private static readonly string[] CounterKeyOrder = ["value", "step"];

    private static void WriteDevice(TomlSyntaxWriter toml, RunPlan plan, DevicePlan device)
    {
        toml.BlankLine();
        toml.TableArray(0, "device");
        toml.String("name", device.Name, Where(device.Origin));
        if (device.Interfaces.Count > 1)
        {
            Interfaces(toml, plan, device.Interfaces);
        }
        else
        {
            Address(toml, plan, "address", device.Address);
        }

        Topo(toml, device.EtbTopoCount, device.OpTrainTopoCount);
        WriteAll(toml, plan, device.Publications, WritePublication);
        WriteAll(toml, plan, device.Subscriptions, WriteSubscription);
        WriteAll(toml, plan, device.PullRequests, WritePull);
        WriteAll(toml, plan, device.StatisticsPolls, WriteStatisticsPoll);
        WriteAll(toml, plan, device.MdCallers, WriteCall);
        WriteAll(toml, plan, device.MdRepliers, WriteReplier);
    }

    /// <summary>Writes every item of <paramref name="items"/> with <paramref name="write"/>, in order.</summary>
    private static void WriteAll<T>(TomlSyntaxWriter toml, RunPlan plan, List<T> items,
        Action<TomlSyntaxWriter, RunPlan, T> write)
    {
        foreach (T item in items)
        {
            write(toml, plan, item);
        }
    }

    private static void WritePublication(TomlSyntaxWriter toml, RunPlan plan, PublicationPlan p)
    {
        toml.TableArray(2, "device", "publish");
        toml.String("name", p.Name, Where(p.Origin));
        toml.Integer("com-id", p.ComId);
        Range(toml, p.Count, p.ComIdStep);
        Payload(toml, p.DatasetId, p.PayloadLength);
        toml.String("cycle", DurationParser.Format(p.Cycle), p.Cycle == TimeSpan.Zero ? "pull-only: sent as 'Pp' when pulled" : null);
        if (p.Offset is { } offset)
        {
            toml.String("offset", DurationParser.Format(offset));
        }

        Address(toml, plan, "destination", p.Destination);
        IfDiffers(toml, "destination-port", p.DestinationPort, 0);
        Topo(toml, p.EtbTopoCount, p.OpTrainTopoCount);
        if (p.RedundancyGroup != 0)
        {
            toml.Integer("redundancy-group", p.RedundancyGroup, "the group's first member device leads, the others follow");
        }

        if (p.TakeoverAfter is { } takeoverAfter)
        {
            toml.String("takeover-after", takeoverAfter == Timeout.InfiniteTimeSpan ? "infinite" : DurationParser.Format(takeoverAfter),
                "a follower takes the lead after this long without hearing the leader");
        }

        Scope(toml, p.InterfaceScope);
        Fields(toml, p.Fields, "publish");
    }

    private static void WriteSubscription(TomlSyntaxWriter toml, RunPlan plan, SubscriptionPlan s)
    {
        toml.TableArray(2, "device", "subscribe");
        toml.String("name", s.Name, Where(s.Origin));
        toml.Integer("com-id", s.ComId);
        Range(toml, s.Count, s.ComIdStep);
        Address(toml, plan, "source", s.Source);
        Address(toml, plan, "source2", s.Source2);
        Address(toml, plan, "destination", s.Destination);
        if (s.Timeout is { } timeout)
        {
            toml.String("timeout", timeout == Timeout.InfiniteTimeSpan ? "infinite" : DurationParser.Format(timeout));
        }

        if (s.TimeoutBehavior == TimeoutBehavior.Keep)
        {
            toml.String("timeout-behavior", "keep");
        }

        Topo(toml, s.EtbTopoCount, s.OpTrainTopoCount);
        if (s.ExpectedCycle is { } expected)
        {
            toml.String("expected-cycle", DurationParser.Format(expected));
        }

        Scope(toml, s.InterfaceScope);
    }

    private static void WritePull(TomlSyntaxWriter toml, RunPlan plan, PullRequestPlan pull)
    {
        toml.TableArray(2, "device", "pull");
        toml.String("name", pull.Name, Where(pull.Origin));
        toml.Integer("com-id", pull.ComId);
        IfDiffers(toml, "reply-com-id", pull.ReplyComId, 0);
        Address(toml, plan, "target", pull.Target);
        Address(toml, plan, "reply-address", pull.ReplyAddress);
        toml.String("interval", DurationParser.Format(pull.Interval));
        toml.String("timeout", DurationParser.Format(pull.Timeout));
        Scope(toml, pull.InterfaceScope);
    }

    private static void WriteStatisticsPoll(TomlSyntaxWriter toml, RunPlan plan, StatisticsPollPlan poll)
    {
        toml.TableArray(2, "device", "poll-statistics");
        toml.String("name", poll.Name, Where(poll.Origin));
        Address(toml, plan, "target", poll.Target);
        toml.String("interval", DurationParser.Format(poll.Interval));
        toml.String("timeout", DurationParser.Format(poll.Timeout));
        Scope(toml, poll.InterfaceScope);
    }

    private static void WriteCall(TomlSyntaxWriter toml, RunPlan plan, MdCallerPlan call)
    {
        var defaults = new MdCallerPlan();
        toml.TableArray(2, "device", "md-call");
        toml.String("name", call.Name, Where(call.Origin));
        toml.Integer("com-id", call.ComId);
        if (call.Kind == MdCallKind.Notify)
        {
            toml.String("kind", "notify");
        }

        Protocol(toml, call.Protocol);
        Address(toml, plan, "destination", call.Destination);
        IfDiffers(toml, "destination-port", call.DestinationPort, 0);
        toml.Number("rate", call.Rate, "transactions per second");
        if (call.Count is { } count)
        {
            toml.Integer("count", count);
        }

        if (call.Kind == MdCallKind.Request)
        {
            if (call.ReplyTimeout is { } replyTimeout)
            {
                toml.String("reply-timeout", DurationParser.Format(replyTimeout));
            }

            IfDiffers(toml, "max-outstanding", call.MaxOutstanding, defaults.MaxOutstanding);
            IfDiffers(toml, "expected-replies", call.ExpectedReplies, defaults.ExpectedReplies);
            IfDiffers(toml, "retries", call.Retries, defaults.Retries);
            IfDiffers(toml, "confirm-status", call.ConfirmStatus, defaults.ConfirmStatus);
        }

        Uri(toml, "source-uri", call.SourceUri);
        Uri(toml, "destination-uri", call.DestinationUri);
        Payload(toml, call.DatasetId, call.PayloadLength);
        Topo(toml, call.EtbTopoCount, call.OpTrainTopoCount);
        Scope(toml, call.InterfaceScope);
        Fields(toml, call.Fields, "md-call");
    }

    private static void WriteReplier(TomlSyntaxWriter toml, RunPlan plan, MdReplierPlan r)
    {
        var defaults = new MdReplierPlan();
        toml.TableArray(2, "device", "md-reply");
        toml.String("name", r.Name, Where(r.Origin));
        toml.Integer("com-id", r.ComId);
        Protocol(toml, r.Protocol);
        Address(toml, plan, "source", r.Source);
        Address(toml, plan, "group", r.Group);
        Uri(toml, "source-uri-filter", r.SourceUriFilter);
        Uri(toml, "destination-uri-filter", r.DestinationUriFilter);
        if (r.Reply == MdReplyKind.ReplyWithConfirm)
        {
            toml.String("reply", "reply-with-confirm");
            IfDiffers(toml, "confirm-timeout", r.ConfirmTimeout, defaults.ConfirmTimeout);
        }

        IfDiffers(toml, "reply-com-id", r.ReplyComId, 0);
        IfDiffers(toml, "user-status", r.UserStatus, 0);
        if (r.Delay != defaults.Delay)
        {
            toml.String("delay", r.Delay);
        }

        Probability(toml, "no-reply-probability", r.NoReplyProbability);
        Probability(toml, "error-probability", r.ErrorProbability);
        Probability(toml, "late-reply-probability", r.LateReplyProbability);
        IfDiffers(toml, "error-status", r.ErrorStatus, defaults.ErrorStatus);
        Uri(toml, "source-uri", r.SourceUri);
        Payload(toml, r.DatasetId, r.PayloadLength);
        Scope(toml, r.InterfaceScope);
        Fields(toml, r.Fields, "md-reply");
    }

    private static void Fields(TomlSyntaxWriter toml, List<FieldGeneratorPlan> fields, string owner)
    {
        foreach (FieldGeneratorPlan field in fields)
        {
            toml.TableArray(4, "device", owner, "field");
            toml.String("field", field.Field, Where(field.Origin));
            if (field.Kind != GeneratorKind.Constant)
            {
                toml.String("kind", GeneratorKinds.Word(field.Kind));
            }

            // Only the keys the kind reads: the one rule the binders and the validator follow too.
            foreach (string key in field.Kind == GeneratorKind.Counter ? CounterKeyOrder : GeneratorKeyOrder)
            {
                if (GeneratorKinds.Reads(field.Kind, key))
                {
                    GeneratorKey(toml, field, key);
                }
            }
        }
    }

    private static void GeneratorKey(TomlSyntaxWriter toml, FieldGeneratorPlan field, string key)
    {
        switch (key)
        {
            case "after":
                toml.Integer(key, field.After);
                break;
            case "values":
                toml.Numbers(key, field.Values);
                break;
            default:
                toml.Number(key, key switch { "min" => field.Min, "max" => field.Max, "step" => field.Step, _ => field.Value });
                break;
        }
    }

    /// <summary>An address key (skipped when 0 = unset), with the address it plays as when the map rewrites it.</summary>
    private static void Address(TomlSyntaxWriter toml, RunPlan plan, string key, uint address)
    {
        if (address == 0)
        {
            return;
        }

        uint mapped = AddressMapper.Map(plan, address);
        toml.String(key, AddressParser.Format(address), mapped == address ? null : "plays as " + AddressParser.Format(mapped));
    }

    /// <summary>A multi-homed device's addresses (its first is its <c>address</c>), with the addresses they play as
    /// when the map rewrites any.</summary>
    private static void Interfaces(TomlSyntaxWriter toml, RunPlan plan, List<uint> interfaces)
    {
        var written = new string[interfaces.Count];
        var mapped = new string[interfaces.Count];
        var rewritten = false;
        for (int i = 0; i < interfaces.Count; i++)
        {
            written[i] = AddressParser.Format(interfaces[i]);
            uint target = AddressMapper.Map(plan, interfaces[i]);
            mapped[i] = AddressParser.Format(target);
            rewritten |= target != interfaces[i];
        }

        toml.Strings("interfaces", written, rewritten ? "play as " + string.Join(", ", mapped) : "a, b, … in this order; the first is the device's address");
    }

    /// <summary>The interfaces an item is scoped to (none written = the default).</summary>
    private static void Scope(TomlSyntaxWriter toml, List<string> scope)
    {
        if (scope.Count > 0)
        {
            toml.Strings("interfaces", [.. scope], "only on these interfaces of the device");
        }
    }

    private static void Range(TomlSyntaxWriter toml, int count, uint step)
    {
        IfDiffers(toml, "count", count, 1);
        IfDiffers(toml, "com-id-step", step, 1);
    }

    private static void Payload(TomlSyntaxWriter toml, uint? datasetId, int payloadLength)
    {
        if (datasetId is { } id)
        {
            toml.Integer("dataset", id);
        }
        else if (payloadLength != 0)
        {
            toml.Integer("payload-length", payloadLength);
        }
    }

    private static void Topo(TomlSyntaxWriter toml, uint etb, uint opTrain)
    {
        IfDiffers(toml, "etb-topo-count", etb, 0);
        IfDiffers(toml, "op-train-topo-count", opTrain, 0);
    }

    private static void Protocol(TomlSyntaxWriter toml, MdProtocol protocol)
    {
        if (protocol == MdProtocol.Tcp)
        {
            toml.String("protocol", "tcp");
        }
    }

    private static void Uri(TomlSyntaxWriter toml, string key, string uri)
    {
        if (uri.Length > 0)
        {
            toml.String(key, uri);
        }
    }

    private static void Probability(TomlSyntaxWriter toml, string key, double value)
    {
        if (value != 0)
        {
            toml.Number(key, value);
        }
    }
}
