namespace TrdpSim.Pipeline;

/// <summary>Where the wheel thread hands each received MD frame (a device's MD station).</summary>
internal interface IInboundFrameHandler
{
    /// <summary>Handles one frame on the wheel thread; the inbox takes the frame back afterwards.</summary>
    void Handle(InboundFrame frame, long nowNanoseconds);
}
