using System.Buffers;
using TrdpSim.Devices.Md;
using TrdpSim.Protocol;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Hands a replier's requests to a scenario's <c>mdRequest</c> hook and counts the ones the
/// script could not answer in time.</summary>
/// <remarks>Wheel thread. A full queue or an ended scenario returns false: the replier answers as planned.</remarks>
internal sealed class MdRequestTap : IMdRequestTap
{
    private readonly ScenarioRuntime _scenario;
    private readonly int _callback;
    private readonly string _device;

    public MdRequestTap(ScenarioRuntime scenario, int callback, string device)
    {
        _scenario = scenario;
        _callback = callback;
        _device = device;
    }

    /// <summary>Requests the script did not answer before the deadline (the plan answered).</summary>
    public long Fallbacks;

    public bool TryTake(MdReplierSession session, in MdHeader header, ReadOnlySpan<byte> payload, long nowNanoseconds)
    {
        if (!_scenario.IsActive || _scenario.Error is not null)
        {
            return false;
        }

        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(copy);
        return _scenario.Host.Worker.TryPost(new ScenarioEvent
        {
            Scenario = _scenario,
            Kind = ScenarioEventKind.MdRequest,
            Callback = _callback,
            Time = nowNanoseconds,
            Name = session.Listener!.Name,
            Device = _device,
            ComId = header.ComId,
            Sequence = header.SequenceCounter,
            Source = session.ReplyTo.Address,
            Payload = copy,
            PayloadLength = payload.Length,
            Session = session,
            Generation = session.Generation,
        });
    }

    public void OnFallback(MdReplierSession session) => Interlocked.Increment(ref Fallbacks);
}
