using TrdpSim.Composition;

namespace TrdpSim.Hosting.Daemon;

/// <summary>The last control actions applied to one run (what, when, by whom), kept for its status.</summary>
/// <remarks>An observer of the run's <see cref="RunControl"/>: called on the wheel thread, it only copies the
/// event into a bounded ring under a short lock. The live event stream carries the same events to
/// subscribers; this list is what <c>GET /api/runs/{id}</c> shows.</remarks>
public sealed class AuditTrail : IControlObserver
{
    /// <summary>Events kept per run by default (older ones are dropped and counted).</summary>
    public const int DefaultCapacity = 256;

    private readonly Lock _lock = new();
    private readonly ControlEvent[] _ring;
    private long _total;

    public AuditTrail(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ControlEvent[capacity];
    }

    /// <summary>Every event seen since the run started (kept or not).</summary>
    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public void OnControlApplied(in ControlEvent applied)
    {
        lock (_lock)
        {
            _ring[_total % _ring.Length] = applied;
            _total++;
        }
    }

    /// <summary>The kept events, oldest first.</summary>
    public IReadOnlyList<ControlEvent> Events()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_total, _ring.Length);
            var list = new ControlEvent[count];
            for (var i = 0; i < count; i++)
            {
                list[i] = _ring[(_total - count + i) % _ring.Length];
            }

            return list;
        }
    }
}
