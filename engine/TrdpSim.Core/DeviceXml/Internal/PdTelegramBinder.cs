using System.Globalization;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Turns a process-data <c>telegram</c> into publications and subscriptions, as TCNopen's
/// generic XML tool plays it (<c>trdp-xmlpd-test.c</c>).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>One publication per <c>destination</c> — except a sink's multicast destinations, which name the
/// group it joins. The cycle is the <c>pd-parameter</c>'s (0 = pull-only); without a <c>pd-parameter</c>
/// it is the interface's process cycle, as in TCNopen's tool.</item>
/// <item>One subscription per <c>source</c> (<c>uri1</c>, <c>uri2</c> = the accepted senders), or — for a
/// sink or source-sink without sources — one that accepts any sender (TCNopen's tool subscribes a sink
/// without sources only when it has a multicast destination). Subscriptions join the telegram's first
/// multicast destination. Timeout and validity behaviour come from the <c>pd-parameter</c>, else the
/// interface's <c>pd-com-parameter</c>; the <c>pd-parameter</c>'s cycle becomes the expected cycle.</item>
/// </list>
/// </remarks>
internal static class PdTelegramBinder
{
    public static void Bind(TelegramShape shape, InterfaceContext context)
    {
        Problems problems = context.Problems;
        Parameters parameters = ReadParameters(shape, context);
        if (shape.ComId == 31 && shape.HasComId)
        {
            problems.NotPlayedYet("<telegram com-id=\"31\">", Reasons.Statistics, shape.Element.Origin);
            return;
        }

        foreach (TelegramShape.Endpoint endpoint in shape.Sources)
        {
            if (endpoint.Uri.User.Length > 0 || endpoint.Second.User.Length > 0)
            {
                problems.Ignored("<source> uri user part", Reasons.PdUriUser, endpoint.UriAt);
            }
        }

        var publishTo = new List<TelegramShape.Endpoint>();
        foreach (TelegramShape.Endpoint destination in shape.Destinations)
        {
            if (destination.Uri.User.Length > 0)
            {
                problems.Ignored("<destination> uri user part", Reasons.PdUriUser, destination.UriAt);
            }

            if (!(shape.Type == TelegramType.Sink && AddressParser.IsMulticast(destination.Uri.Host)))
            {
                publishTo.Add(destination);
            }
        }

        if (publishTo.Count > 0 && !CheckCycle(parameters.Cycle, parameters.CycleAt, problems))
        {
            publishTo.Clear();
        }

        for (int i = 0; i < publishTo.Count; i++)
        {
            Publish(shape, context, parameters, publishTo[i], shape.ItemName("pd-", publishTo[i], i, publishTo.Count));
        }

        if (shape.Sources.Count > 0)
        {
            for (int i = 0; i < shape.Sources.Count; i++)
            {
                TelegramShape.Endpoint source = shape.Sources[i];
                Subscribe(shape, context, parameters, source, shape.ItemName("pd-", source, i, shape.Sources.Count));
            }
        }
        else if (shape.IsSink)
        {
            Subscribe(shape, context, parameters, null, shape.ItemName("pd-", null, 0, 1));
        }
        else if (publishTo.Count == 0)
        {
            problems.Ignored("<telegram> without destination or source", Reasons.Nothing, shape.Element.Origin);
        }
    }

    private static void Publish(TelegramShape shape, InterfaceContext context, Parameters parameters, TelegramShape.Endpoint destination, string name)
    {
        var publication = new PublicationPlan
        {
            Name = name,
            ComId = shape.ComId,
            DatasetId = shape.DatasetId,
            Cycle = parameters.Cycle,
            Destination = destination.Uri.Host,
            RedundancyGroup = parameters.Redundant,
            Origin = destination.Origin,
        };
        if (context.Claim("publication", name, destination.Origin, publication.ComId, publication.Destination, publication))
        {
            context.Device.Publications.Add(publication);
        }
    }

    private static void Subscribe(TelegramShape shape, InterfaceContext context, Parameters parameters, TelegramShape.Endpoint? source, string name)
    {
        TimeSpan timeout = InterfaceContext.Duration(parameters.Timeout);
        var subscription = new SubscriptionPlan
        {
            Name = name,
            ComId = shape.ComId,
            Source = source?.Uri.Host ?? 0,
            Source2 = source?.Second.Host ?? 0,
            Destination = shape.Group,
            Timeout = timeout == context.Network.DefaultPdTimeout ? null : timeout,
            TimeoutBehavior = parameters.Validity,
            ExpectedCycle = parameters.ExpectedCycle,
            Origin = source?.Origin ?? shape.Element.Origin,
        };
        if (context.Claim("subscription", name, subscription.Origin, subscription.ComId, subscription.Source, subscription))
        {
            context.Device.Subscriptions.Add(subscription);
        }
    }

    private static Parameters ReadParameters(TelegramShape shape, InterfaceContext context)
    {
        InterfaceSettings settings = context.Settings;
        var parameters = new Parameters
        {
            Cycle = InterfaceContext.Duration(settings.ProcessCycle),
            Timeout = settings.PdTimeout,
            Validity = settings.Validity,
        };
        _ = shape.CheckSendParameters(context, ComParameters.PdDefault);
        parameters.CycleAt = settings.Where("<trdp-process> cycle-time");
        if (shape.Pd is not { } pd)
        {
            return parameters;
        }

        var r = new ElementReader(pd, context.Problems);
        parameters.Cycle = TimeSpan.Zero;
        parameters.CycleAt = pd.Origin;
        if (r.TryNumber("cycle", 0, uint.MaxValue - 1, out uint cycle, out SourceLocation cycleAt))
        {
            parameters.Cycle = InterfaceContext.Duration(cycle);
            parameters.CycleAt = cycleAt;
            if (parameters.Cycle >= XmlLimits.MinCycle)
            {
                parameters.ExpectedCycle = parameters.Cycle;
            }
        }

        if (r.TryNumber("timeout", 0, uint.MaxValue, out uint timeout, out _) && timeout != 0)
        {
            parameters.Timeout = timeout;
        }

        if (r.TryWord("validity-behavior", PlanWords.TimeoutBehaviors, out TimeoutBehavior validity))
        {
            parameters.Validity = validity;
        }

        // Played: the plan's redundancy-group (the first member device leads; see Devices.RedundancyGroup).
        if (r.TryNumber("redundant", 0, uint.MaxValue, out uint redundant, out _) && redundant != 0)
        {
            parameters.Redundant = redundant;
        }

        r.Ignore("offset-address", Reasons.OffsetAddress);
        r.Ignore("marshall", Reasons.Marshall);
        r.Ignore("callback", Reasons.Callback);
        r.FinishWithoutChildren("<pd-parameter>");

        return parameters;
    }

    /// <summary>A publication's cycle must be 0 or at least 1 ms; a subscription only uses it as its expected cycle.</summary>
    private static bool CheckCycle(TimeSpan cycle, SourceLocation at, Problems problems)
    {
        if (cycle == TimeSpan.Zero || cycle >= XmlLimits.MinCycle)
        {
            return true;
        }

        problems.Error(at, string.Create(CultureInfo.InvariantCulture,
            $"a cycle of {cycle.TotalMicroseconds} µs: it must be 0 (pull-only) or at least 1000 µs (TCNopen itself needs 5000 µs steps)"));
        return false;
    }

    private sealed class Parameters
    {
        public TimeSpan Cycle { get; set; }

        /// <summary>Where the cycle was set (the pd-parameter's cycle, or the process cycle it falls back to).</summary>
        public SourceLocation CycleAt { get; set; }

        public TimeSpan? ExpectedCycle { get; set; }

        public uint Timeout { get; set; }

        public TimeoutBehavior Validity { get; set; }

        public uint Redundant { get; set; }
    }
}
