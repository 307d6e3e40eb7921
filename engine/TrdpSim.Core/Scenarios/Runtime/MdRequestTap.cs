using System.Buffers;
using Jint.Native;
using TrdpSim.Devices.Md;
using TrdpSim.Protocol;

namespace TrdpSim.Scenarios.Runtime;

/// <summary>Hands a replier's requests to a scenario's <c>mdRequest</c> hook and counts the ones the
/// script could not answer in time.</summary>
/// <remarks>Wheel thread. A full queue or an ended scenario returns false: the replier answers as planned.</remarks>
internal sealed class MdRequestTap(ScenarioRuntime scenario, int callback, string device, string replier) : IMdRequestTap
{
    // Made once per tap (one per replier), not once per request: worker garbage pauses the wheel too.
    private readonly JsString _deviceValue = new(device);
    private readonly JsString _replierValue = new(replier);

    /// <summary>Requests the script did not answer before the deadline (the plan answered).</summary>
    public long Fallbacks;

    public bool TryTake(MdReplierSession session, in MdHeader header, ReadOnlySpan<byte> payload, long nowNanoseconds)
    {
        if (!scenario.IsActive || scenario.Error is not null)
        {
            return false;
        }

        var copy = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(copy);
        var request = ScenarioEvent.About(scenario, ScenarioEventKind.MdRequest, callback, nowNanoseconds, replier, device, _replierValue,
            _deviceValue, header.ComId);
        return scenario.Host.Worker.TryPost(request with
        {
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
