using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// The default wait: sleep on an absolute clock until a short window before the deadline, then spin the
/// window. The window is measured: the chosen quantile of how late the kernel's recent wake-ups were.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> The precision mode (<see cref="HybridWaitStrategy"/> at a 100 µs tick) never really
/// sleeps and holds a core at ~100 % whatever the rate; when the host is shared, the spinning thread
/// competes with everything else and its timing collapses. This strategy only spins for as long as the
/// kernel is usually late, so a wake-up lands on its deadline most of the time for a few per cent of a core,
/// and a thread that mostly sleeps is the one the scheduler favours when it wakes.</para>
/// <para><b>Measured window.</b> Each sleep that was not cut short by a wake records its overshoot (wake time
/// − requested time) in a ring of the last <see cref="SampleCount"/>; every <see cref="RecomputeEvery"/>
/// samples the window becomes that ring's <see cref="EfficientWaitOptions.Quantile"/> plus the margin,
/// capped at <see cref="EfficientWaitOptions.MaxWindowNanoseconds"/>. It starts at the cap.</para>
/// <para><b>Bounded spin.</b> With a <see cref="SpinBudget"/> the window shrinks to what the budget allows, down
/// to a plain sleep; a real-time thread always has one.</para>
/// <para><b>Threading.</b> One owner thread (the wheel's); allocation-free.</para>
/// </remarks>
public sealed class EfficientWaitStrategy : IWaitStrategy
{
    /// <summary>Overshoot samples kept.</summary>
    public const int SampleCount = 64;

    /// <summary>New samples between two window updates.</summary>
    public const int RecomputeEvery = 16;

    private readonly IWaitClock _clock;
    private readonly EfficientWaitOptions _options;
    private readonly long[] _samples = new long[SampleCount];
    private int _sampleCount;
    private int _nextSample;
    private int _sinceRecompute;
    private long _window;
    private long _spun;
    private long _sleeps;

    /// <summary>Creates the strategy on the real clock.</summary>
    public EfficientWaitStrategy(EfficientWaitOptions? options = null)
        : this(options ?? new EfficientWaitOptions(), SystemWaitClock.Instance)
    {
    }

    internal EfficientWaitStrategy(EfficientWaitOptions options, IWaitClock clock)
    {
        if (options.FixedWindowNanoseconds is < 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(options), "The spin window must not be negative.");
        }

        if (!(options.Quantile is > 0 and <= 1) || options.MaxWindowNanoseconds < 0 || options.MarginNanoseconds < 0)
        {
            SchedulingThrow.ArgumentOutOfRange(nameof(options), "Quantile must be in (0, 1]; window cap and margin must not be negative.");
        }

        _options = options;
        _clock = clock;
        _window = options.FixedWindowNanoseconds ?? options.MaxWindowNanoseconds;
    }

    /// <summary>The spin window in use now (ns).</summary>
    public long WindowNanoseconds => Volatile.Read(ref _window);

    /// <summary>Time spent spinning so far (ns); readable from any thread.</summary>
    public long SpunNanoseconds => Volatile.Read(ref _spun);

    /// <summary>Sleeps taken so far.</summary>
    public long Sleeps => Volatile.Read(ref _sleeps);

    /// <summary>The spin bound, if any.</summary>
    public SpinBudget? Budget => _options.Budget;

    /// <inheritdoc/>
    public void WaitUntil(long deadlineNanoseconds) => Wait(deadlineNanoseconds, null);

    /// <inheritdoc/>
    public bool WaitUntil(long deadlineNanoseconds, WakeSignal wake) => Wait(deadlineNanoseconds, wake);

    private bool Wait(long deadline, WakeSignal? wake)
    {
        // What the budget cut from the window at the last decision; counted once per wait, when it ends.
        long shortfall = 0;
        while (true)
        {
            if (wake is { IsPending: true })
            {
                _options.Budget?.Deny(shortfall);
                return true;
            }

            long now = _clock.Now();
            if (now >= deadline)
            {
                _options.Budget?.Deny(shortfall);
                return false;
            }

            long window = AllowedWindow(now, out shortfall);
            long sleepUntil = deadline - window;
            if (now < sleepUntil)
            {
                _clock.SleepUntil(sleepUntil, wake);
                Volatile.Write(ref _sleeps, _sleeps + 1);
                long woke = _clock.Now();
                if (wake is not { IsPending: true } && woke >= sleepUntil)
                {
                    AddSample(woke - sleepUntil);
                }

                continue; // woken, on time, late or (coarse platforms) early: decide again
            }

            _options.Budget?.Deny(shortfall);
            return Spin(now, deadline, wake);
        }
    }

    /// <summary>The measured window, cut to what the spin budget allows (<paramref name="shortfall"/>: the cut).</summary>
    private long AllowedWindow(long now, out long shortfall)
    {
        long window = _window;
        shortfall = 0;
        if (_options.Budget is { } budget)
        {
            long available = budget.Available(now);
            if (available < window)
            {
                shortfall = window - available;
                window = available;
            }
        }

        return window;
    }

    private bool Spin(long start, long deadline, WakeSignal? wake)
    {
        long now = start;
        bool woken = false;
        while (now < deadline)
        {
            if (wake is { IsPending: true })
            {
                woken = true;
                break;
            }

            _clock.SpinOnce();
            now = _clock.Now();
        }

        long spun = now - start;
        Volatile.Write(ref _spun, _spun + spun);
        _options.Budget?.Spend(spun);
        return woken;
    }

    private void AddSample(long overshoot)
    {
        _samples[_nextSample] = overshoot;
        _nextSample = (_nextSample + 1) % SampleCount;
        _sampleCount = Math.Min(_sampleCount + 1, SampleCount);
        if (_options.FixedWindowNanoseconds is null && ++_sinceRecompute >= RecomputeEvery)
        {
            _sinceRecompute = 0;
            Volatile.Write(ref _window, MeasuredWindow());
        }
    }

    private long MeasuredWindow()
    {
        Span<long> sorted = stackalloc long[SampleCount];
        sorted = sorted[.._sampleCount];
        _samples.AsSpan(0, _sampleCount).CopyTo(sorted);
        sorted.Sort();
        int index = Math.Clamp((int)Math.Ceiling(_options.Quantile * _sampleCount) - 1, 0, _sampleCount - 1);
        return Math.Clamp(sorted[index] + _options.MarginNanoseconds, 0, _options.MaxWindowNanoseconds);
    }
}
