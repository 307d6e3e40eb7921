namespace TrdpSim.Events;

/// <summary>Lets a hot source post at most one event per interval and counts what it held back, so a flood of
/// bad frames cannot flood the bus.</summary>
/// <remarks>A mutable struct kept as a field of its single owner (a subscription on its receive thread): no
/// locks, no allocation. The first event passes at once; later ones pass once the interval has gone by since
/// the last that passed, carrying how many were held back in between.</remarks>
internal struct EventRateLimit
{
    private long _lastPassed;
    private long _heldBack;
    private bool _passedOnce;

    /// <summary>Whether an event at <paramref name="nowNanoseconds"/> may be posted; when it may,
    /// <paramref name="heldBack"/> is how many were held back since the last one (and the count starts again).</summary>
    public bool TryPass(long nowNanoseconds, long intervalNanoseconds, out long heldBack)
    {
        if (_passedOnce && nowNanoseconds - _lastPassed < intervalNanoseconds)
        {
            _heldBack++;
            heldBack = 0;
            return false;
        }

        heldBack = _heldBack;
        _heldBack = 0;
        _lastPassed = nowNanoseconds;
        _passedOnce = true;
        return true;
    }
}
