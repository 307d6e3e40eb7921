using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Turns a message-data <c>telegram</c> (one with an <c>md-parameter</c>) into MD callers and
/// listeners, with the same shape rules as process data.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>One caller per <c>destination</c> (a sink's multicast destinations name the group its listener
/// joins instead). The XML does not say notification or request, nor how often: callers send requests
/// ('Mr') at the plan's default rate, which the imported TOML lets one change. The destination URI's user
/// part becomes the request's destination URI; a multicast request expects an unknown number of replies.</item>
/// <item>One listener per <c>source</c> (<c>uri1</c> = the accepted sender, its user part the source-URI
/// filter), or one that accepts any sender for a sink without sources; it joins the first multicast
/// destination. XML cannot say 'Mq', so listeners answer 'Mp'.</item>
/// <item>Reply timeout, protocol and retries come from the <c>md-parameter</c>, the telegram's
/// <c>com-parameter</c> and the interface's <c>md-com-parameter</c>, in that order.</item>
/// </list>
/// </remarks>
internal static class MdTelegramBinder
{
    public static void Bind(TelegramShape shape, InterfaceContext context)
    {
        (MdProtocol protocol, TimeSpan? replyTimeout, int retries) = ReadParameters(shape, context);
        var callTo = new List<TelegramShape.Endpoint>();
        foreach (TelegramShape.Endpoint destination in shape.Destinations)
        {
            if (!(shape.Type == TelegramType.Sink && AddressParser.IsMulticast(destination.Uri.Host)))
            {
                callTo.Add(destination);
            }
        }

        for (int i = 0; i < callTo.Count; i++)
        {
            Call(shape, context, callTo[i], shape.ItemName("md-", callTo[i], i, callTo.Count), protocol, replyTimeout, retries);
        }

        if (shape.Sources.Count > 0)
        {
            for (int i = 0; i < shape.Sources.Count; i++)
            {
                Listen(shape, context, shape.Sources[i], shape.ItemName("mdr-", shape.Sources[i], i, shape.Sources.Count), protocol);
            }
        }
        else if (shape.IsSink)
        {
            Listen(shape, context, null, shape.ItemName("mdr-", null, 0, 1), protocol);
        }
        else if (callTo.Count == 0)
        {
            context.Problems.Ignored("<telegram> without destination or source", Reasons.Nothing, shape.Element.Origin);
        }
    }

    private static void Call(
        TelegramShape shape, InterfaceContext context, TelegramShape.Endpoint destination, string name, MdProtocol protocol, TimeSpan? replyTimeout, int retries)
    {
        bool multicast = AddressParser.IsMulticast(destination.Uri.Host);
        if (multicast && protocol == MdProtocol.Tcp)
        {
            context.Problems.Error(destination.UriAt, $"<destination> {AddressParser.Format(destination.Uri.Host)} is a multicast group, but the telegram's protocol is TCP (MD over TCP is unicast only)");
            return;
        }

        var call = new MdCallerPlan
        {
            Name = name,
            ComId = shape.ComId,
            Kind = MdCallKind.Request,
            Protocol = protocol,
            Destination = destination.Uri.Host,
            DestinationUri = destination.Uri.User,
            ReplyTimeout = replyTimeout,
            ExpectedReplies = multicast ? 0 : 1,
            Retries = retries,
            DatasetId = shape.DatasetId,
            Origin = destination.Origin,
        };
        if (context.Claim("md-call", name, destination.Origin, call.ComId, call.Destination, call))
        {
            context.Device.MdCallers.Add(call);
        }
    }

    private static void Listen(TelegramShape shape, InterfaceContext context, TelegramShape.Endpoint? source, string name, MdProtocol protocol)
    {
        SourceLocation origin = source?.Origin ?? shape.Element.Origin;
        if (source is not null && AddressParser.IsMulticast(source.Uri.Host))
        {
            context.Problems.Error(source.UriAt, $"<source> uri1 {AddressParser.Format(source.Uri.Host)} is a multicast group; a sender is a host");
            return;
        }

        if (source is not null && source.Second.Host != 0)
        {
            context.Problems.NotPlayedYet("<source> uri2 of an MD telegram", Reasons.SecondListenerSource, source.Origin);
        }

        uint group = shape.Group;
        if (group != 0 && protocol == MdProtocol.Tcp)
        {
            context.Problems.Error(origin, $"the telegram joins the multicast group {AddressParser.Format(group)}, but its protocol is TCP (MD over TCP is unicast only)");
            return;
        }

        var replier = new MdReplierPlan
        {
            Name = name,
            ComId = shape.ComId,
            Protocol = protocol,
            Source = source?.Uri.Host ?? 0,
            SourceUriFilter = source?.Uri.User ?? string.Empty,
            Group = group,
            DatasetId = shape.DatasetId,
            Origin = origin,
        };
        if (context.Claim("md-reply", name, origin, replier.ComId, replier.Source, replier))
        {
            context.Device.MdRepliers.Add(replier);
        }
    }

    private static (MdProtocol Protocol, TimeSpan? ReplyTimeout, int Retries) ReadParameters(TelegramShape shape, InterfaceContext context)
    {
        InterfaceSettings settings = context.Settings;
        MdProtocol protocol = settings.MdProtocol;
        uint replyTimeout = settings.MdReplyTimeout;
        uint retries = shape.CheckSendParameters(context, ComParameters.MdDefault) ?? settings.MdRetries;
        if (shape.Md is { } md)
        {
            var r = new ElementReader(md, context.Problems);
            if (r.TryWord("protocol", InterfaceSettings.Protocols, out MdProtocol own))
            {
                protocol = own;
            }

            if (r.TryNumber("reply-timeout", 0, uint.MaxValue, out uint timeout, out SourceLocation at) && timeout != 0)
            {
                replyTimeout = timeout;
                if (timeout == InterfaceSettings.InfiniteMicroseconds)
                {
                    context.Problems.NotPlayedYet("<md-parameter> reply-timeout=\"4294967295\"", Reasons.InfiniteReplyTimeout, at);
                    replyTimeout = settings.MdReplyTimeout;
                }
            }

            r.Ignore("confirm-timeout", Reasons.ConfirmTimeout);
            r.Ignore("marshall", Reasons.Marshall);
            r.Ignore("callback", Reasons.Callback);
            r.FinishWithoutChildren("<md-parameter>");
        }

        if (replyTimeout == InterfaceSettings.InfiniteMicroseconds)
        {
            context.Problems.NotPlayedYet("<md-com-parameter> reply-timeout=\"4294967295\"", Reasons.InfiniteReplyTimeout, settings.Where("<md-com-parameter> reply-timeout"));
            replyTimeout = 5_000_000;
        }

        TimeSpan timeSpan = InterfaceContext.Duration(replyTimeout);
        return (protocol, timeSpan == context.Network.MdReplyTimeout ? null : timeSpan, (int)retries);
    }
}
