namespace TrdpSim.Events;

/// <summary>One message of a run's live stream, made once and shared by every subscriber that wants it: an
/// event (with its id, kept in the history for catch-up) or a telemetry sample (live only).</summary>
/// <param name="Id">The event id: 1, 2, 3 … in the order the bus published events; 0 for a sample (not kept,
/// not numbered: each sample carries totals, so the next one makes up for a lost one).</param>
/// <param name="Topic">The topic subscribers filter on.</param>
/// <param name="Type">The wire type (<see cref="RunEventKinds.Name"/>, or <c>sample</c>).</param>
/// <param name="Utc">When the pump or the sampler made the message.</param>
/// <param name="MonotonicNanoseconds">The same moment on the engine's monotonic clock.</param>
/// <param name="Json">The message as a JSON object (UTF-8).</param>
/// <param name="Event">The event as posted, on its live delivery; null for samples and for catch-up messages (the
/// history keeps what a client is sent, the JSON, not the posted value).</param>
/// <remarks>Immutable. <see cref="Json"/> is the whole message as one JSON object, written once by the pump or
/// the sampler, so fanning it out to many clients costs no serialisation per client.</remarks>
public sealed record StreamMessage(long Id, string Topic, string Type, DateTime Utc, long MonotonicNanoseconds,
    ReadOnlyMemory<byte> Json, RunEvent? Event = null)
{
    public bool IsSample => Id == 0;
}
