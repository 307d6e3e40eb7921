using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>Answers a device's pull requests on the wheel thread: a 'Pr' for one of its publications gets that
/// publication's 'Pp'.</summary>
/// <remarks>
/// The device's PD dispatcher checks each 'Pr' on its receive thread (frame checks, topography, the
/// subscription's sequence rule, that a publication answers it) and posts it to the wheel inbox; the answer is
/// built and sent here, on the wheel thread, through the publication's pull-reply outlet — the one way to the
/// wire every frame takes, faults included.
/// </remarks>
internal sealed class PullResponder : IInboundFrameHandler
{
    private readonly Dictionary<uint, Publication> _publications;
    private readonly ushort _pdPort;

    internal PullResponder(Dictionary<uint, Publication> publications, ushort pdPort)
    {
        _publications = publications;
        _pdPort = pdPort;
    }

    /// <inheritdoc />
    public void Handle(InboundFrame frame, long nowNanoseconds)
    {
        PdFrame.ReadHeader(frame.Span, out var request);
        if (_publications.TryGetValue(ReplyComId(request), out var publication) && publication.PlaysOn(frame.Face))
        {
            // On the interface the request arrived on (a multi-homed device's other paths may not reach the requester).
            publication.AnswerPull(ReplyTo(request, frame.Source, _pdPort), frame.Face);
        }
    }

    /// <summary>The ComId a 'Pr' asks for: replyComId, or its own ComId when that is 0.</summary>
    internal static uint ReplyComId(in PdHeader request) => request.ReplyComId != 0 ? request.ReplyComId : request.ComId;

    /// <summary>Where the answer goes (trdp-wire.md §7.5): replyIp, or the requester; always the PD port.</summary>
    internal static Ip4Endpoint ReplyTo(in PdHeader request, Ip4Endpoint source, ushort pdPort) =>
        new(request.ReplyIpAddress != 0 ? request.ReplyIpAddress : source.Address, pdPort);
}
