using HdrHistogram;

namespace TrdpSim.Thresholds;

/// <summary>A ring of per-slot deltas of one metric: the last <see cref="Capacity"/> slots make the window.</summary>
/// <remarks>
/// Counters keep one (numerator, denominator) delta per slot and running sums, so a window costs O(1).
/// Latency slots keep the slot's samples sparsely — (bucket value, count) pairs for the buckets that
/// changed — rather than a histogram copy (≈ 60 KB each at two digits, 0.8 MB at three): a second of
/// lateness touches a few dozen buckets. Memory is bounded by the ring size (at most
/// <see cref="ThresholdEvaluator.MaxSlots"/> slots) times the buckets a slot touched; slot arrays are
/// reused when the ring wraps, so a multi-hour run reaches a flat footprint after one window.
/// </remarks>
internal sealed class SlidingWindow
{
    private readonly CountSample[] _counts;
    private readonly long[][] _values;
    private readonly long[][] _sampleCounts;
    private readonly int[] _lengths;
    private readonly double[] _seconds;
    private long _sumNumerator;
    private long _sumDenominator;
    private int _next;

    public SlidingWindow(int capacity)
    {
        Capacity = capacity;
        _counts = new CountSample[capacity];
        _values = new long[capacity][];
        _sampleCounts = new long[capacity][];
        _lengths = new int[capacity];
        _seconds = new double[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _values[i] = [];
            _sampleCounts[i] = [];
        }
    }

    /// <summary>Slots in a full window.</summary>
    public int Capacity { get; }

    /// <summary>Slots holding data (≤ <see cref="Capacity"/>).</summary>
    public int Filled { get; private set; }

    /// <summary>Total length of the filled slots, in seconds.</summary>
    public double Seconds
    {
        get
        {
            double total = 0;
            for (int i = 0; i < Filled; i++)
            {
                total += _seconds[(_next - 1 - i + Capacity) % Capacity];
            }

            return total;
        }
    }

    /// <summary>The counter deltas summed over the window.</summary>
    public CountSample CountSum => new(_sumNumerator, _sumDenominator);

    /// <summary>Adds a counter slot, dropping the oldest when the window is full.</summary>
    public void PushCounts(CountSample delta, double seconds)
    {
        int slot = Advance(seconds);
        _counts[slot] = delta;
        _sumNumerator += delta.Numerator;
        _sumDenominator += delta.Denominator;
    }

    /// <summary>Adds a latency slot holding <paramref name="current"/> − <paramref name="previous"/>
    /// (cumulative histograms of the same layout), dropping the oldest slot when the window is full.</summary>
    public void PushLatency(HistogramBase current, HistogramBase previous, double seconds)
    {
        int slot = Advance(seconds);
        int length = 0;
        if (current.TotalCount > previous.TotalCount)
        {
            foreach (var bucket in current.RecordedValues())
            {
                long delta = bucket.CountAtValueIteratedTo - previous.GetCountAtValue(bucket.ValueIteratedTo);
                if (delta <= 0)
                {
                    continue;
                }

                if (length == _values[slot].Length)
                {
                    Array.Resize(ref _values[slot], Math.Max(16, length * 2));
                    Array.Resize(ref _sampleCounts[slot], _values[slot].Length);
                }

                _values[slot][length] = bucket.ValueIteratedTo;
                _sampleCounts[slot][length] = delta;
                length++;
            }
        }

        _lengths[slot] = length;
    }

    /// <summary>Replaces <paramref name="target"/>'s content with every sample in the window.</summary>
    public void FillHistogram(HistogramBase target)
    {
        target.Reset();
        for (int i = 0; i < Filled; i++)
        {
            int slot = (_next - 1 - i + Capacity) % Capacity;
            long[] values = _values[slot];
            long[] counts = _sampleCounts[slot];
            for (int k = 0; k < _lengths[slot]; k++)
            {
                target.RecordValueWithCount(values[k], counts[k]);
            }
        }
    }

    /// <summary>Bytes held by the latency slots' arrays (for the bounded-memory test).</summary>
    public long RetainedBytes()
    {
        long bytes = 0;
        for (int i = 0; i < Capacity; i++)
        {
            bytes += (_values[i].Length + _sampleCounts[i].Length) * sizeof(long);
        }

        return bytes;
    }

    private int Advance(double seconds)
    {
        int slot = _next;
        if (Filled == Capacity)
        {
            _sumNumerator -= _counts[slot].Numerator;
            _sumDenominator -= _counts[slot].Denominator;
        }
        else
        {
            Filled++;
        }

        _counts[slot] = default;
        _lengths[slot] = 0;
        _seconds[slot] = seconds;
        _next = (slot + 1) % Capacity;
        return slot;
    }
}
