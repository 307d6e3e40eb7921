namespace TrdpSim.Pipeline;

/// <summary>Where the wheel thread hands each received MD frame (a device's MD station).</summary>
public interface IMdFrameHandler
{
    /// <summary>Handles one frame on the wheel thread; the inbox takes the frame back afterwards.</summary>
    void Handle(MdInboundFrame frame, long nowNanoseconds);
}
