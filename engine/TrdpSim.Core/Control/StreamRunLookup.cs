using TrdpSim.Events;

namespace TrdpSim.Control;

/// <summary>Which run's event bus a stream or ingest request reaches, or why none (<see cref="StreamEndpointOptions.Runs"/>).</summary>
/// <remarks>A bare bus converts to a found run and null to "no such run" (404), so a host with one run answers with
/// its bus; the daemon, with many, says which runs are live when the client named none, and ends a stream when its
/// run ends (<see cref="Ended"/>).</remarks>
internal readonly record struct StreamRunLookup
{
    /// <summary>The run's bus; null when the request is refused.</summary>
    public RunEventBus? Bus { get; init; }

    /// <summary>The HTTP status of a refusal (404 unknown run, 400 several live runs and none named, 409 an ended run).</summary>
    public int Status { get; init; }

    /// <summary>Why the request is refused, in words; null = the endpoint's own "no run" text.</summary>
    public string? Error { get; init; }

    /// <summary>Cancelled when the run has ended: its streams end with it (none = they last as long as the request).</summary>
    public CancellationToken Ended { get; init; }

    public static StreamRunLookup Found(RunEventBus bus, CancellationToken ended = default) => new() { Bus = bus, Ended = ended };

    public static StreamRunLookup Refused(int status, string error) => new() { Status = status, Error = error };

    public static implicit operator StreamRunLookup(RunEventBus? bus) =>
        bus is null ? new() { Status = StatusCodes.Status404NotFound } : new() { Bus = bus };
}
