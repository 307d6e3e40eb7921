using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Scheduling;

/// <summary>
/// Runs a <see cref="TimingWheel"/> on a dedicated thread: wait for the next tick target with an
/// <see cref="IWaitStrategy"/>, execute posted commands, <see cref="TimingWheel.Advance"/>, then notify the
/// <see cref="IWheelTickListener"/>.
/// </summary>
/// <remarks>
/// <para><b>Ownership.</b> From <see cref="Start"/> until <see cref="Stop"/> returns true, the wheel, its timers
/// and the listener are touched only by the driver thread. Before start and after stop the caller's thread may
/// use the wheel directly (for example to schedule the initial publications).</para>
/// <para><b>Cross-thread input.</b> <see cref="Post"/> puts an <see cref="IWheelCommand"/> in a bounded lock-free
/// MPSC queue that the driver drains at the start of each wake-up, before advancing; buckets are never locked.</para>
/// <para><b>Waking the wheel.</b> A thread that hands the wheel work through its own queue (the MD inbox, a
/// future pull inbox) enqueues first and then calls <see cref="Wake"/>: the wheel ends its sleep (or spin)
/// and runs <see cref="IWheelTickListener.BeforeAdvance"/> at once instead of at its next deadline.
/// <see cref="Wake"/> costs one interlocked operation while the wheel is awake and one <c>futex</c> call
/// when it sleeps; <see cref="Post"/> wakes the wheel itself. So the wheel needs to wake only for ticks
/// that have work (<see cref="WheelDriverOptions.MaxIdleTicks"/>).</para>
/// <para><b>No drift.</b> Each wake-up targets <see cref="TimingWheel.NextTickNanoseconds"/> (<c>start + (k+1)·tick</c>),
/// or the first tick with a timer when empty ticks are skipped; after a stall the wheel processes every missed
/// tick in one <see cref="TimingWheel.Advance"/>.</para>
/// <para><b>Stalls.</b> With a <see cref="WheelDriverOptions.StallProbe"/>, a wake-up later than its target by
/// more than the monitor's threshold is recorded as a stall of the wheel (see <see cref="StallMonitor"/>); a sleep
/// that <see cref="Wake"/> ended was due from the wake (<see cref="WakeSignal.TakeInterruptedAt"/>).</para>
/// <para><b>Errors.</b> Exceptions from commands, the listener and timer callbacks are caught, counted in
/// <see cref="WheelDriverStats.Errors"/> and kept in <see cref="LastError"/>; the thread keeps going.</para>
/// <para><b>Lateness</b> (wake time − tick target) is recorded per wake-up that reached its target in
/// <see cref="Stats"/>; a wake-up cut short by <see cref="Wake"/> is counted in
/// <see cref="WheelDriverStats.EarlyWakes"/> instead.</para>
/// </remarks>
internal sealed class WheelDriver : IDisposable
{
    private readonly TimingWheel _wheel;
    private readonly IWaitStrategy _wait;
    private readonly IWheelTickListener? _listener;
    private readonly MpscBoundedQueue<IWheelCommand> _commands;
    private readonly WheelDriverStats _stats = new();
    private readonly int _maxCommandsPerTick;
    private readonly int _maxIdleTicks;
    private readonly Action<long>? _wakeObserver;
    private readonly TimeSpan _stopTimeout;
    private readonly string _threadName;
    private readonly ThreadPriority _priority;
    private readonly WakeSignal _wake = new();
    private readonly StallProbe? _stallProbe;
    private readonly Action? _onThreadStart;
    private readonly object _lifecycle = new();
    private Thread? _thread;
    private volatile bool _stopRequested;
    private volatile bool _disposed;
    private Exception? _lastError;
    private long _wheelFaultsSeen;
    private long _runningSince; // when the thread began its loop (driver thread only)

    /// <summary>Creates a driver; call <see cref="Start"/> to run it.</summary>
    /// <param name="wheel">The wheel to drive; its start time must be in the <see cref="MonotonicClock"/> time base.</param>
    /// <param name="waitStrategy">How to wait for each tick (see <see cref="HybridWaitStrategy"/>).</param>
    /// <param name="listener">Optional; called after every wake-up.</param>
    /// <param name="options">Optional settings; defaults as documented on <see cref="WheelDriverOptions"/>.</param>
    public WheelDriver(TimingWheel wheel, IWaitStrategy waitStrategy, IWheelTickListener? listener = null, WheelDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        ArgumentNullException.ThrowIfNull(waitStrategy);
        options ??= new WheelDriverOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommandQueueCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCommandsPerTick, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIdleTicks, 1, nameof(options));
        _wheel = wheel;
        _wait = waitStrategy;
        _listener = listener;
        _commands = new MpscBoundedQueue<IWheelCommand>(options.CommandQueueCapacity);
        _maxCommandsPerTick = options.MaxCommandsPerTick;
        _maxIdleTicks = options.MaxIdleTicks;
        _wakeObserver = options.WakeLatenessObserver;
        _stopTimeout = options.StopTimeout;
        _threadName = options.ThreadName;
        _priority = options.ThreadPriority;
        _stallProbe = options.StallProbe;
        _onThreadStart = options.OnThreadStart;
        _wheelFaultsSeen = wheel.FaultCount;
    }

    /// <summary>The driven wheel. Touch it only from the driver thread while running (see remarks).</summary>
    public TimingWheel Wheel => _wheel;

    /// <summary>Lateness, work and error counters; readable from any thread.</summary>
    public WheelDriverStats Stats => _stats;

    /// <summary>True between <see cref="Start"/> and the thread's exit.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>The most recent exception caught on the driver thread, or null.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>Hands <paramref name="command"/> to the driver thread. Any thread; lock-free; allocation-free.</summary>
    /// <returns>False if the queue is full or the driver is disposed (the command will not run).</returns>
    /// <remarks>Commands posted before <see cref="Start"/> run on the first wake-up.</remarks>
    public bool Post(IWheelCommand command)
    {
        if (command is null)
        {
            SchedulingThrow.ArgumentNull(nameof(command));
        }

        if (!_disposed && _commands.TryEnqueue(command))
        {
            Wake();
            return true;
        }

        _stats.RecordRejectedCommand();
        return false;
    }

    /// <summary>Makes the wheel thread look for work now: ends its sleep or spin early, then it drains its command
    /// queue, runs <see cref="IWheelTickListener.BeforeAdvance"/> (where inboxes are drained) and advances.</summary>
    /// <remarks>Any thread; never blocks; allocation-free. Call it after enqueuing the work. Cheap when the wheel is
    /// awake (one interlocked exchange, nothing when a wake is already pending); one <c>futex</c> system call when
    /// it sleeps. Calls before <see cref="Start"/> make the first wait return at once.</remarks>
    public void Wake() => _wake.Wake();

    /// <summary>Starts the driver thread (background, named <see cref="WheelDriverOptions.ThreadName"/>).</summary>
    /// <remarks>A driver runs once: starting it again, or after <see cref="Stop"/>, throws.</remarks>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_disposed || _thread is not null)
            {
                SchedulingThrow.InvalidOperation("A WheelDriver can be started once.");
            }

            var thread = new Thread(static state => ((WheelDriver)state!).Run())
            {
                IsBackground = true,
                Name = _threadName,
            };
            try
            {
                thread.Priority = _priority;
            }
            catch (PlatformNotSupportedException)
            {
                // Priority is advisory; the wait strategy is what keeps ticks on time.
            }

            _thread = thread;
            // Due from now on, unless its owner promised a time already (a run host: the run's start): a thread the
            // host does not get to run, or whose set-up takes long, is a stall of the wheel, not a moment nobody watched.
            if (_stallProbe is { DueNanoseconds: long.MaxValue } probe)
            {
                probe.Due(MonotonicClock.NowNanoseconds());
            }

            thread.Start(this);
        }
    }

    /// <summary>Asks the thread to stop and joins it for up to <see cref="WheelDriverOptions.StopTimeout"/>.</summary>
    /// <returns>True if the thread has exited (or never started); false if it is still running (a callback is stuck).</returns>
    public bool Stop()
    {
        _stopRequested = true;
        _wake.Wake();
        Thread? thread;
        lock (_lifecycle)
        {
            thread = _thread;
        }

        if (thread is null || ReferenceEquals(thread, Thread.CurrentThread))
        {
            return thread is null;
        }

        return thread.Join(_stopTimeout);
    }

    /// <summary>Stops the driver (see <see cref="Stop"/>); further posts are refused.</summary>
    public void Dispose()
    {
        lock (_lifecycle)
        {
            _disposed = true;
        }

        Stop();
    }

    private void Run()
    {
        try
        {
            _onThreadStart?.Invoke();
        }
        catch (Exception ex)
        {
            // Thread set-up (priority, affinity) is best effort; its outcome is reported by whoever asked for it.
            RecordError(ex);
        }

        _runningSince = MonotonicClock.NowNanoseconds();
        _stallProbe?.CheckIn(_runningSince);
        while (!_stopRequested)
        {
            try
            {
                RunOnce();
            }
            catch (Exception ex)
            {
                // Only a broken wait strategy or a wheel bug gets here; back off so errors cannot spin a core.
                RecordError(ex);
                Thread.Sleep(1);
            }
        }
    }

    private void RunOnce()
    {
        long target = _wheel.NextTickNanoseconds;
        if (_maxIdleTicks > 1)
        {
            long hint = _wheel.GetNextFireHintNanoseconds(_maxIdleTicks);
            long cap = target + ((_maxIdleTicks - 1) * _wheel.TickNanoseconds);
            target = Math.Max(target, Math.Min(hint, cap));
        }

        // Ticks that fell due before the thread ran are set-up time (counted by the start's check-in), not a stall.
        _stallProbe?.Due(Math.Max(target, _runningSince));
        _ = _wait.WaitUntil(target, _wake);
        // Reset before looking for work: a wake from here on makes the next wait return at once.
        _wake.Reset();
        long now = MonotonicClock.NowNanoseconds();
        if (_stallProbe is { } probe)
        {
            // Woken out of a sleep: due from the wake on, so a stall between the wake and this moment shows.
            long interrupted = _wake.TakeInterruptedAt();
            if (interrupted != 0)
            {
                probe.DueNoLaterThan(interrupted);
            }

            probe.CheckIn(now);
        }

        DrainCommands();
        if (_listener is not null)
        {
            BeforeAdvance(now);
        }

        int fired = _wheel.Advance(now);
        long faults = _wheel.FaultCount;
        if (faults != _wheelFaultsSeen)
        {
            RecordWheelFaults(faults);
        }

        if (_listener is not null)
        {
            NotifyListener(now, fired);
        }

        if (now < target)
        {
            _stats.RecordEarlyWake(fired);
            return;
        }

        _stats.RecordWake(now - target, fired);
        _wakeObserver?.Invoke(now - target);
    }

    private void BeforeAdvance(long now)
    {
        try
        {
            _listener!.BeforeAdvance(now);
        }
        catch (Exception ex)
        {
            RecordError(ex);
        }
    }

    private void DrainCommands()
    {
        for (int i = 0; i < _maxCommandsPerTick && _commands.TryDequeue(out IWheelCommand? command); i++)
        {
            try
            {
                command!.Execute(_wheel);
                _stats.RecordCommand();
            }
            catch (Exception ex)
            {
                RecordError(ex);
            }
        }
    }

    private void NotifyListener(long now, int fired)
    {
        try
        {
            _listener!.AfterTick(now, fired);
        }
        catch (Exception ex)
        {
            RecordError(ex);
        }
    }

    private void RecordWheelFaults(long faults)
    {
        _stats.RecordErrors(faults - _wheelFaultsSeen);
        _wheelFaultsSeen = faults;
        Volatile.Write(ref _lastError, _wheel.LastFault);
    }

    private void RecordError(Exception ex)
    {
        _stats.RecordErrors(1);
        Volatile.Write(ref _lastError, ex);
    }
}
