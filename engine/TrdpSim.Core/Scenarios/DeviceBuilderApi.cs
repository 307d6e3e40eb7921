using Jint;
using Jint.Native;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Builds the device object returned by <c>plan.device()</c>: <c>publish</c>, <c>subscribe</c>,
/// <c>pull</c>, <c>mdCall</c> and <c>mdReply</c>, each copying one options object into the device's plan.</summary>
/// <remarks>Values are copied as given, with the call's position for every key; their rules (cycles,
/// ranges, references to datasets, unique names) are the plan validator's.</remarks>
internal sealed class DeviceBuilderApi
{
    private static readonly string[] PublishKeys =
        ["name", "comId", "count", "comIdStep", "dataset", "payloadLength", "cycle", "offset", "destination", "destinationPort", "etbTopoCount", "opTrainTopoCount", "redundancyGroup", "takeoverAfter", "fields", "interfaces"];

    private static readonly string[] SubscribeKeys =
        ["name", "comId", "count", "comIdStep", "source", "source2", "destination", "timeout", "timeoutBehavior", "etbTopoCount", "opTrainTopoCount", "expectedCycle", "interfaces"];

    private static readonly string[] PullKeys = ["name", "comId", "replyComId", "target", "replyAddress", "interval", "timeout", "interfaces"];
    private static readonly string[] StatisticsPollKeys = ["name", "target", "interval", "timeout", "interfaces"];

    private static readonly string[] MdCallKeys =
        ["name", "comId", "kind", "protocol", "destination", "destinationPort", "rate", "count", "maxOutstanding", "replyTimeout", "expectedReplies", "retries", "confirmStatus", "sourceUri", "destinationUri", "dataset", "payloadLength", "fields", "etbTopoCount", "opTrainTopoCount", "interfaces"];

    private static readonly string[] MdReplyKeys =
        ["name", "comId", "protocol", "source", "group", "sourceUriFilter", "destinationUriFilter", "reply", "replyComId", "userStatus", "confirmTimeout", "delay", "noReplyProbability", "errorProbability", "errorStatus", "lateReplyProbability", "sourceUri", "dataset", "payloadLength", "fields", "interfaces"];

    private static readonly string[] FieldKeys = ["field", "kind", "value", "step", "min", "max", "values", "after"];

    private readonly ScenarioContext _context;
    private readonly DevicePlan _device;

    public DeviceBuilderApi(ScenarioContext context, DevicePlan device)
    {
        _context = context;
        _device = device;
    }

    public JsObject Build()
    {
        var obj = new JsObject(_context.Engine);
        obj.FastSetDataProperty("name", new JsString(_device.Name));
        PlanBuilderApi.Add(obj, "publish", args => { Publish(PlanBuilderApi.Arg(args, 0)); return obj; });
        PlanBuilderApi.Add(obj, "subscribe", args => { Subscribe(PlanBuilderApi.Arg(args, 0)); return obj; });
        PlanBuilderApi.Add(obj, "pull", args => { Pull(PlanBuilderApi.Arg(args, 0)); return obj; });
        PlanBuilderApi.Add(obj, "pollStatistics", args => { PollStatistics(PlanBuilderApi.Arg(args, 0)); return obj; });
        PlanBuilderApi.Add(obj, "mdCall", args => { MdCall(PlanBuilderApi.Arg(args, 0)); return obj; });
        PlanBuilderApi.Add(obj, "mdReply", args => { MdReply(PlanBuilderApi.Arg(args, 0)); return obj; });
        return obj;
    }

    private void Publish(JsValue options)
    {
        var r = new OptionReader(_context, options, "publish()", PublishKeys);
        var p = new PublicationPlan
        {
            ComId = r.RequiredUInt32("comId"),
            Count = r.Int32("count", 1),
            ComIdStep = (uint)r.Integer("comIdStep", 0, uint.MaxValue, 1),
            DatasetId = Dataset(r),
            PayloadLength = r.Int32("payloadLength", 0),
            Cycle = r.Duration("cycle", TimeSpan.FromMilliseconds(100)),
            Offset = r.OptionalDuration("offset"),
            Destination = r.RequiredAddress("destination"),
            DestinationPort = (ushort)r.Integer("destinationPort", 0, ushort.MaxValue, 0),
            EtbTopoCount = r.UInt32("etbTopoCount", 0),
            OpTrainTopoCount = r.UInt32("opTrainTopoCount", 0),
            RedundancyGroup = r.UInt32("redundancyGroup", 0),
            TakeoverAfter = TakeoverAfter(r),
            Origin = _context.CallSite(),
        };
        p.Name = r.String("name", $"pd-{p.ComId}");
        Add(r, p, _device.Publications, p.Fields);
    }

    private void Subscribe(JsValue options)
    {
        var r = new OptionReader(_context, options, "subscribe()", SubscribeKeys);
        var s = new SubscriptionPlan
        {
            ComId = r.RequiredUInt32("comId"),
            Count = r.Int32("count", 1),
            ComIdStep = (uint)r.Integer("comIdStep", 0, uint.MaxValue, 1),
            Source = r.Address("source", 0),
            Source2 = r.Address("source2", 0),
            Destination = r.Address("destination", 0),
            TimeoutBehavior = r.Word("timeoutBehavior", PlanWords.TimeoutBehaviors, TimeoutBehavior.Zero),
            EtbTopoCount = r.UInt32("etbTopoCount", 0),
            OpTrainTopoCount = r.UInt32("opTrainTopoCount", 0),
            ExpectedCycle = r.OptionalDuration("expectedCycle"),
            Origin = _context.CallSite(),
        };
        s.Timeout = r.String("timeout", string.Empty) == "infinite" ? Timeout.InfiniteTimeSpan : r.OptionalDuration("timeout");
        s.Name = r.String("name", $"sub-{s.ComId}");
        Add(r, s, _device.Subscriptions);
    }

    private void Pull(JsValue options)
    {
        var r = new OptionReader(_context, options, "pull()", PullKeys);
        var p = new PullRequestPlan
        {
            ComId = r.RequiredUInt32("comId"),
            ReplyComId = r.UInt32("replyComId", 0),
            Target = r.RequiredAddress("target"),
            ReplyAddress = r.Address("replyAddress", 0),
            Interval = r.Duration("interval", TimeSpan.FromSeconds(1)),
            Timeout = r.Duration("timeout", TimeSpan.FromSeconds(1)),
            Origin = _context.CallSite(),
        };
        p.Name = r.String("name", $"pull-{p.ComId}");
        Add(r, p, _device.PullRequests);
    }

    private void PollStatistics(JsValue options)
    {
        var r = new OptionReader(_context, options, "pollStatistics()", StatisticsPollKeys);
        var p = new StatisticsPollPlan
        {
            Target = r.RequiredAddress("target"),
            Interval = r.Duration("interval", TimeSpan.FromSeconds(1)),
            Timeout = r.Duration("timeout", TimeSpan.FromSeconds(1)),
            Origin = _context.CallSite(),
        };
        p.Name = r.String("name", StatisticsPollPlan.DefaultName);
        Add(r, p, _device.StatisticsPolls);
    }

    private void MdCall(JsValue options)
    {
        var r = new OptionReader(_context, options, "mdCall()", MdCallKeys);
        var c = new MdCallerPlan
        {
            ComId = r.RequiredUInt32("comId"),
            Kind = r.Word("kind", PlanWords.MdCallKinds, MdCallKind.Request),
            Protocol = r.Word("protocol", PlanWords.MdProtocols, MdProtocol.Udp),
            Destination = r.RequiredAddress("destination"),
            DestinationPort = (ushort)r.Integer("destinationPort", 0, ushort.MaxValue, 0),
            Rate = r.Number("rate", 10),
            Count = r.Has("count") ? r.Integer("count", long.MinValue, long.MaxValue, 1) : null,
            MaxOutstanding = r.Int32("maxOutstanding", 1000),
            ReplyTimeout = r.OptionalDuration("replyTimeout"),
            ExpectedReplies = r.Int32("expectedReplies", 1),
            Retries = r.Int32("retries", 2),
            ConfirmStatus = r.Int32("confirmStatus", 0),
            SourceUri = r.String("sourceUri", string.Empty),
            DestinationUri = r.String("destinationUri", string.Empty),
            DatasetId = Dataset(r),
            PayloadLength = r.Int32("payloadLength", 0),
            EtbTopoCount = r.UInt32("etbTopoCount", 0),
            OpTrainTopoCount = r.UInt32("opTrainTopoCount", 0),
            Origin = _context.CallSite(),
        };
        c.Name = r.String("name", $"md-call-{c.ComId}");
        Add(r, c, _device.MdCallers, c.Fields);
    }

    private void MdReply(JsValue options)
    {
        var r = new OptionReader(_context, options, "mdReply()", MdReplyKeys);
        var p = new MdReplierPlan
        {
            ComId = r.RequiredUInt32("comId"),
            Protocol = r.Word("protocol", PlanWords.MdProtocols, MdProtocol.Udp),
            Source = r.Address("source", 0),
            Group = r.Address("group", 0),
            SourceUriFilter = r.String("sourceUriFilter", string.Empty),
            DestinationUriFilter = r.String("destinationUriFilter", string.Empty),
            Reply = r.Word("reply", PlanWords.MdReplyKinds, MdReplyKind.Reply),
            ReplyComId = r.UInt32("replyComId", 0),
            UserStatus = r.Int32("userStatus", 0),
            ConfirmTimeout = r.Duration("confirmTimeout", TimeSpan.FromSeconds(1)),
            Delay = r.String("delay", "constant:0"),
            NoReplyProbability = r.Number("noReplyProbability", 0),
            ErrorProbability = r.Number("errorProbability", 0),
            ErrorStatus = r.Int32("errorStatus", -3),
            LateReplyProbability = r.Number("lateReplyProbability", 0),
            SourceUri = r.String("sourceUri", string.Empty),
            DatasetId = Dataset(r),
            PayloadLength = r.Int32("payloadLength", 0),
            Origin = _context.CallSite(),
        };
        p.Name = r.String("name", $"md-reply-{p.ComId}");
        Add(r, p, _device.MdRepliers, p.Fields);
    }

    /// <summary><c>takeoverAfter</c>: a duration, or "infinite" (switchover on command only).</summary>
    /// <summary>Ends every call the same way: the keys recorded at the call, the field generators (for the
    /// telegrams that carry a dataset) and the interfaces read, in that order, then the item added to the device.</summary>
    private static void Add<T>(OptionReader r, T item, List<T> items, List<FieldGeneratorPlan>? fields = null)
        where T : PlanEntry, IInterfaceScoped
    {
        r.Record(item, item.Origin);
        if (fields is not null)
        {
            Fields(r, fields, item.Origin);
        }

        Scope(r, item.InterfaceScope);
        items.Add(item);
    }

    private static TimeSpan? TakeoverAfter(OptionReader r) =>
        r.Has("takeoverAfter") && string.Equals(r.String("takeoverAfter", string.Empty), "infinite", StringComparison.OrdinalIgnoreCase)
            ? Timeout.InfiniteTimeSpan : r.OptionalDuration("takeoverAfter");

    /// <summary><c>interfaces: ["b"]</c>: the device's interfaces the item plays on (names are the validator's to judge).</summary>
    private static void Scope(OptionReader r, List<string> scope)
    {
        foreach (JsValue item in r.Has("interfaces") ? r.Items("interfaces") : [])
        {
            scope.Add(item.IsString() ? item.AsString() : throw r.Bad("interfaces", "must hold interface names such as \"b\""));
        }
    }

    private static uint? Dataset(OptionReader r) => r.Has("dataset") ? r.UInt32("dataset", 0) : null;

    private static void Fields(OptionReader owner, List<FieldGeneratorPlan> fields, SourceLocation origin)
    {
        foreach (JsValue item in owner.Items("fields"))
        {
            var f = new OptionReader(owner.Context, item, "a field generator", FieldKeys);
            var field = new FieldGeneratorPlan
            {
                Field = f.RequiredString("field"),
                Kind = f.Word("kind", GeneratorKinds.Words, GeneratorKind.Constant),
                Value = f.Number("value", 0),
                Step = f.Number("step", 1),
                Min = f.Number("min", 0),
                Max = f.Number("max", 100),
                After = f.Integer("after", -(long.MaxValue / 2), long.MaxValue / 2, 0),
                Origin = origin,
            };
            f.Record(field, origin);
            foreach (JsValue v in f.Items("values"))
            {
                field.Values.Add(v.IsNumber() ? v.AsNumber() : throw f.Bad("values", "must hold numbers only"));
            }

            fields.Add(field);
        }
    }
}
