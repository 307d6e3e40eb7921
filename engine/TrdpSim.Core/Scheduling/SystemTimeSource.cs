namespace TrdpSim.Scheduling;

/// <summary>The real monotonic clock (<see cref="MonotonicClock.NowNanoseconds"/>).</summary>
/// <remarks>Stateless and thread-safe; use the shared <see cref="Instance"/>.</remarks>
internal sealed class SystemTimeSource : ITimeSource
{
    /// <summary>The shared instance.</summary>
    public static readonly SystemTimeSource Instance = new();

    private SystemTimeSource()
    {
    }

    /// <inheritdoc/>
    public long NowNanoseconds() => MonotonicClock.NowNanoseconds();
}
