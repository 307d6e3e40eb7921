using HdrHistogram;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;

namespace TrdpSim.Thresholds;

/// <summary>One threshold's live state: reads its metric, applies the rule over its span, and decides
/// ok / violated / failed; owned by the <see cref="ThresholdMonitor"/> thread.</summary>
/// <remarks>
/// Spans: <b>whole run</b> (default) — the rule is checked every second on the run so far; the value at
/// the end decides, except that a gauge must hold at every check. <b>over W</b> — sliding windows: the
/// window is split into slots of <c>step = max(1 s, ⌈W / <see cref="MaxSlots"/>⌉)</c> and checked at every
/// slot boundary once a full window has elapsed (so every 1 s for windows up to two minutes; a window
/// that is not a multiple of the step is rounded up to one); any failing window fails the threshold; at
/// the end the last window (ending at the end of the run, shorter when the run was) is checked too.
/// <b>for D</b> — the threshold fails only when every check for D in a row violated the rule.
/// </remarks>
internal sealed class ThresholdEvaluator
{
    /// <summary>Most slots in a window: bounds memory and per-check work for long windows.</summary>
    public const int MaxSlots = 120;

    private readonly MetricReader _reader;
    private readonly ThresholdRule _rule;
    private readonly SlidingWindow? _window;
    private readonly long _stepSeconds;
    private LongHistogram? _current;
    private LongHistogram? _previous;
    private readonly LongHistogram? _windowHistogram;
    private long _boundary;
    private CountSample _lastCount;
    private TimeSpan? _violatingSince;
    private TimeSpan? _firstViolation;
    private TimeSpan? _failedAt;
    private double _failedValue = double.NaN;
    private double _last = double.NaN;
    private double _worst = double.NaN;
    // The counts behind the value last computed, the failing one and the worst one: a ratio is reported
    // with them, since a rate of 4.62e-7 means little without "208 of 450,000,000".
    private CountSample _sample;
    private CountSample _failedSample;
    private CountSample _worstSample;
    private int _ok = 1;

    public ThresholdEvaluator(ThresholdPlan plan, MetricReader reader)
    {
        Plan = plan;
        _reader = reader;
        _rule = plan.Rule;
        if (reader is LatencyReader latency)
        {
            _current = latency.NewHistogram();
        }

        if (plan.Over is { } over)
        {
            long seconds = Math.Max(1, (long)over.TotalSeconds);
            _stepSeconds = Math.Max(1, (seconds + MaxSlots - 1) / MaxSlots);
            _window = new SlidingWindow((int)((seconds + _stepSeconds - 1) / _stepSeconds));
            if (reader is LatencyReader l)
            {
                _previous = l.NewHistogram();
                _windowHistogram = l.NewHistogram();
            }
        }
    }

    public ThresholdPlan Plan { get; }

    /// <summary>Series the selector matched.</summary>
    public int Series => _reader.SeriesCount;

    /// <summary>False once failed, or while a whole-run rule is violated (for the Prometheus gauge;
    /// any thread may read).</summary>
    public bool IsOk => Volatile.Read(ref _ok) == 1;

    /// <summary>The value of the latest check (NaN before the first, or without data).</summary>
    public double LastValue => _last;

    /// <summary>Set when this threshold stopped the run.</summary>
    public bool AbortedRun { get; private set; }

    /// <summary>Slots in the window (0 without <c>over</c>).</summary>
    public int WindowSlots => _window?.Capacity ?? 0;

    /// <summary>Seconds per window slot (0 without <c>over</c>).</summary>
    public long StepSeconds => _window is null ? 0 : _stepSeconds;

    /// <summary>Bytes kept by the window's latency slots (for memory tests).</summary>
    public long WindowRetainedBytes => _window?.RetainedBytes() ?? 0;

    private bool Latched => _window is not null || Plan.For is not null || _reader.Metric.Kind == MetricKind.Gauge;

    /// <summary>One live check at run time <paramref name="elapsed"/>; returns the abort message when this
    /// threshold now stops the run, else <c>null</c>.</summary>
    public string? Evaluate(TimeSpan elapsed)
    {
        if (_window is not null)
        {
            if (!CloseSlots(elapsed))
            {
                return AbortCheck(elapsed, false);
            }

            Apply(WindowValue(), elapsed);
        }
        else
        {
            Apply(WholeRunValue(elapsed), elapsed);
        }

        return AbortCheck(elapsed, !_rule.Holds(_last));
    }

    /// <summary>The final check at the end of the run, and the result.</summary>
    public ThresholdResult Finish(TimeSpan elapsed)
    {
        if (_window is not null)
        {
            if (CloseSlots(elapsed))
            {
                Apply(WindowValue(), elapsed);
            }

            double partial = elapsed.TotalSeconds - (_boundary * _stepSeconds);
            if (partial > 0.001 || _window.Filled == 0)
            {
                PushSlot(Math.Max(partial, 0));
            }

            Apply(WindowValue(), elapsed);
        }
        else
        {
            double final = WholeRunValue(elapsed);
            Apply(final, elapsed);
            if (!Latched && !_rule.Holds(final) && _failedAt is null)
            {
                Fail(_firstViolation ?? elapsed, final);
            }
        }

        bool passed = _failedAt is null;
        bool worst = passed && _window is not null && !double.IsNaN(_worst);
        double observed = !passed ? _failedValue : worst ? _worst : _last;
        CountSample? counts = _reader.Metric.Kind == MetricKind.Ratio && !double.IsNaN(observed)
            ? (!passed ? _failedSample : worst ? _worstSample : _sample)
            : null;
        string observedText = $"{Aggregations.Name(_rule)}={Aggregations.Format(_rule, observed)}";
        string detail;
        if (!passed)
        {
            detail = FailureText(_failedAt!.Value, _failedValue, _failedSample);
        }
        else if (_reader.SeriesCount == 0 || double.IsNaN(observed))
        {
            detail = "passed: no data";
        }
        else
        {
            detail = (_window is not null ? $"passed: worst window {observedText}" : $"passed: {observedText}") + CountsText(counts);
        }

        return new ThresholdResult(Plan.Text, passed, observed, observedText, _failedAt, detail, AbortedRun, _reader.SeriesCount, Plan.Origin)
        {
            Counts = counts,
        };
    }

    private string FailureText(TimeSpan at, double value, CountSample counts)
    {
        string text = $"failed at {ThresholdReport.Clock(at)}: {Aggregations.Name(_rule)}={Aggregations.Format(_rule, value)} " +
            $"{Aggregations.Violated(_rule.Comparison)} {Aggregations.Format(_rule, _rule.Limit)}" +
            CountsText(_reader.Metric.Kind == MetricKind.Ratio ? counts : null);
        if (Plan.For is { } sustained)
        {
            text += $" (violated for {DurationParser.Format(sustained)})";
        }

        if (Plan.Over is { } over)
        {
            text += $" in the {DurationParser.Format(over)} window";
        }

        return text;
    }

    /// <summary>" (208 of 450,000,000 lost)" for a ratio's counts, else nothing.</summary>
    private string CountsText(CountSample? counts) =>
        counts is { } c ? $" ({Aggregations.Counts(_reader.Metric, c)})" : string.Empty;

    /// <summary>Takes <paramref name="value"/> (computed from <see cref="_sample"/> for count metrics) as
    /// the rule's current value.</summary>
    private void Apply(double value, TimeSpan at)
    {
        _last = value;
        if (Aggregations.IsWorse(_rule.Comparison, value, _worst))
        {
            _worst = value;
            _worstSample = _sample;
        }

        if (_rule.Holds(value))
        {
            _violatingSince = null;
            Volatile.Write(ref _ok, _failedAt is null ? 1 : 0);
            return;
        }

        _violatingSince ??= at;
        _firstViolation ??= at;
        Volatile.Write(ref _ok, 0);
        if (_failedAt is not null)
        {
            return;
        }

        if (Plan.For is { } sustained)
        {
            if (at - _violatingSince.Value >= sustained)
            {
                Fail(at, value);
            }
        }
        else if (Latched)
        {
            Fail(at, value);
        }
    }

    private void Fail(TimeSpan at, double value)
    {
        _failedAt = at;
        _failedValue = value;
        _failedSample = _sample;
        Volatile.Write(ref _ok, 0);
    }

    private string? AbortCheck(TimeSpan elapsed, bool violatedNow)
    {
        if (!Plan.AbortOnFail || AbortedRun || elapsed < Plan.Grace)
        {
            return null;
        }

        bool failing = _failedAt is not null || (!Latched && violatedNow);
        if (!failing)
        {
            return null;
        }

        if (_failedAt is null)
        {
            // A whole-run rule failing live: it failed where it was first seen violated.
            Fail(_firstViolation ?? elapsed, _last);
        }

        AbortedRun = true;
        return $"threshold {Plan.Text} {FailureText(_failedAt!.Value, _failedValue, _failedSample)}; aborting";
    }

    private double WholeRunValue(TimeSpan elapsed)
    {
        if (_reader is CountReader counts)
        {
            _sample = counts.Read();
            return Aggregations.FromCounts(_rule.Aggregation, _reader.Metric.Kind, _sample, elapsed.TotalSeconds);
        }

        ((LatencyReader)_reader).ReadInto(_current!);
        return Aggregations.FromHistogram(_rule, _current!);
    }

    private double WindowValue()
    {
        if (_reader is CountReader)
        {
            _sample = _window!.CountSum;
            return Aggregations.FromCounts(_rule.Aggregation, _reader.Metric.Kind, _sample, _window.Seconds);
        }

        _window!.FillHistogram(_windowHistogram!);
        return Aggregations.FromHistogram(_rule, _windowHistogram!);
    }

    /// <summary>Closes every slot boundary passed by <paramref name="elapsed"/>; true when a full window
    /// is ready to check.</summary>
    private bool CloseSlots(TimeSpan elapsed)
    {
        long boundary = (long)elapsed.TotalSeconds / _stepSeconds;
        if (boundary <= _boundary)
        {
            return false;
        }

        // Boundaries missed while the monitor thread was held up get empty slots; their data lands in
        // the last one (nothing is lost, it is only placed later).
        long missed = Math.Min(boundary - _boundary - 1, _window!.Capacity);
        for (long k = 0; k < missed; k++)
        {
            _window.PushCounts(default, _stepSeconds);
        }

        PushSlot(_stepSeconds);
        _boundary = boundary;
        return _window.Filled == _window.Capacity;
    }

    private void PushSlot(double seconds)
    {
        if (_reader is CountReader counts)
        {
            CountSample now = counts.Read();
            _window!.PushCounts(new CountSample(now.Numerator - _lastCount.Numerator, now.Denominator - _lastCount.Denominator), seconds);
            _lastCount = now;
            return;
        }

        ((LatencyReader)_reader).ReadInto(_current!);
        _window!.PushLatency(_current!, _previous!, seconds);
        // The current cumulative becomes the baseline of the next slot; the old baseline is reused as scratch.
        (_previous, _current) = (_current, _previous);
        _current!.Reset();
    }
}
