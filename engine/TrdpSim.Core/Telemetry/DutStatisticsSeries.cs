using TrdpSim.Protocol.Statistics;

namespace TrdpSim.Telemetry;

/// <summary>The statistics (ComId 31, trdp-wire.md §7.8) one device polled from a device under test: every
/// numeric field as a series — its first and latest value, its change over the last poll interval, the largest
/// change over one interval, and its rise since the first reply.</summary>
/// <remarks>
/// <para><b>Counting.</b> A counter field (<see cref="StatisticsFields.IsCounter"/>) rises modulo 2^32 between
/// two replies (a wrap is a rise, as on the wire). A reply whose <c>upTime</c> went back means the DUT's stack
/// restarted: counted in <see cref="Restarts"/>, and each counter's rise over that interval is its new value
/// (it counted up from 0). A state field (free memory, subscriptions) changes by the signed difference; its
/// rise is latest − first. A reply shorter than 380 bytes is not decoded and is counted in
/// <see cref="BadReplies"/>.</para>
/// <para><b>Threads.</b> Written by the polling device's receive thread once per reply (at most once per
/// millisecond), read by reporting threads; a lock guards both, and readers take a copy. The last
/// <see cref="HistoryCapacity"/> replies are kept as samples so a run store can take the whole series.</para>
/// </remarks>
public sealed class DutStatisticsSeries(string device, string poll, string target)
{
    /// <summary>How many replies <see cref="History"/> keeps (the oldest is dropped first).</summary>
    public const int HistoryCapacity = 600;

    private const int UpTimeField = 0;

    private readonly Lock _lock = new();
    private readonly TrdpStatistics _decoded = new();
    private readonly uint[] _first = new uint[StatisticsFields.Count];
    private readonly uint[] _latest = new uint[StatisticsFields.Count];
    private readonly long[] _lastDelta = new long[StatisticsFields.Count];
    private readonly long[] _maxDelta = new long[StatisticsFields.Count];
    private readonly long[] _rise = new long[StatisticsFields.Count];
    private readonly DutStatisticsSample[] _history = new DutStatisticsSample[HistoryCapacity];
    private int _historyStart;
    private int _historyCount;
    private long _replies;
    private long _badReplies;
    private long _restarts;
    private long _lastReplyAt;

    /// <summary>The polling device (plan name).</summary>
    public string Device { get; } = device;

    /// <summary>The poll's plan name.</summary>
    public string Poll { get; } = poll;

    /// <summary>The polled device's address, dotted.</summary>
    public string Target { get; } = target;

    /// <summary>Replies decoded.</summary>
    public long Replies => Locked(ref _replies);

    /// <summary>Replies too short to hold the 380-byte dataset (not decoded).</summary>
    public long BadReplies => Locked(ref _badReplies);

    /// <summary>Replies whose <c>upTime</c> went back: the DUT's stack restarted.</summary>
    public long Restarts => Locked(ref _restarts);

    /// <summary>Decodes one statistics reply and records it (polling device's receive thread).</summary>
    /// <returns>False when the dataset is too short to decode (counted in <see cref="BadReplies"/>).</returns>
    public bool Record(ReadOnlySpan<byte> dataset, long nowNanoseconds)
    {
        lock (_lock)
        {
            if (!StatisticsDataset.TryRead(dataset, _decoded))
            {
                _badReplies++;
                return false;
            }

            var restarted = _replies > 0 && StatisticsFields.Read(UpTimeField, _decoded) < _latest[UpTimeField];
            if (restarted)
            {
                _restarts++;
            }

            var values = new uint[StatisticsFields.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var value = StatisticsFields.Read(i, _decoded);
                values[i] = value;
                if (_replies == 0)
                {
                    _first[i] = value;
                    _latest[i] = value;
                    continue;
                }

                long delta = StatisticsFields.IsCounter(i)
                    ? restarted ? value : (uint)(value - _latest[i])
                    : (long)value - _latest[i];
                _lastDelta[i] = delta;
                _maxDelta[i] = Math.Max(_maxDelta[i], delta);
                _rise[i] = StatisticsFields.IsCounter(i) ? _rise[i] + delta : (long)value - _first[i];
                _latest[i] = value;
            }

            _replies++;
            _lastReplyAt = nowNanoseconds;
            var slot = (_historyStart + _historyCount) % HistoryCapacity;
            _history[slot] = new DutStatisticsSample(nowNanoseconds, values);
            if (_historyCount < HistoryCapacity)
            {
                _historyCount++;
            }
            else
            {
                _historyStart = (_historyStart + 1) % HistoryCapacity;
            }

            return true;
        }
    }

    /// <summary>A consistent copy of every field's figures (readers).</summary>
    public DutStatisticsSnapshot Snapshot()
    {
        lock (_lock)
        {
            var fields = new DutStatisticsField[StatisticsFields.Count];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = new DutStatisticsField(StatisticsFields.Name(i), StatisticsFields.IsCounter(i),
                    _first[i], _latest[i], _lastDelta[i], _maxDelta[i], _rise[i]);
            }

            return new DutStatisticsSnapshot(_replies, _badReplies, _restarts, _lastReplyAt, fields);
        }
    }

    /// <summary>The rise of field <paramref name="index"/> since the first reply (readers; 0 before two replies).</summary>
    public long Rise(int index) => Locked(ref _rise[index]);

    /// <summary>The latest value of field <paramref name="index"/> (readers; 0 before the first reply).</summary>
    public uint Latest(int index) => Locked(ref _latest[index]);

    /// <summary>Reads <paramref name="field"/> under the lock the receive thread records under, so a reader
    /// never sees a reply half recorded.</summary>
    private T Locked<T>(ref T field)
    {
        lock (_lock)
        {
            return field;
        }
    }

    /// <summary>The kept replies, oldest first (readers; a copy).</summary>
    public DutStatisticsSample[] History()
    {
        lock (_lock)
        {
            var copy = new DutStatisticsSample[_historyCount];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = _history[(_historyStart + i) % HistoryCapacity];
            }

            return copy;
        }
    }
}

/// <summary>One decoded reply: when it arrived and every field's value, in <see cref="StatisticsFields"/> order.</summary>
public readonly record struct DutStatisticsSample(long ReceivedNanoseconds, uint[] Values);

/// <summary>A copy of a <see cref="DutStatisticsSeries"/>'s figures.</summary>
public sealed record DutStatisticsSnapshot(long Replies, long BadReplies, long Restarts, long LastReplyNanoseconds,
    DutStatisticsField[] Fields);

/// <summary>One field's figures: first and latest value, change over the last interval, the largest change over one
/// interval, and the rise since the first reply.</summary>
public readonly record struct DutStatisticsField(string Name, bool Counter, uint First, uint Latest, long LastDelta,
    long MaxDelta, long Rise);
