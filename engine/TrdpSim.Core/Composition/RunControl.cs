using System.Collections.Concurrent;
using TrdpSim.Plan;
using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>The control surface of a live run: every change a scenario or the HTTP control plane may make
/// while the run goes (faults, cycles, silence, field values, pause), the reads that go with them, and the
/// audit hook that sees each applied change.</summary>
/// <remarks>
/// <para><b>Two steps.</b> Names and values are checked on the caller's thread against the run's fixed
/// device and telegram lists (the matching rules of fault targets: a plan name covers its numbered
/// instances <c>name#i</c>); a mistake is a <see cref="ControlResult"/> at once, never an exception.
/// The change itself is posted to the wheel thread and applied between two ticks, so it never races a
/// send; the returned <see cref="ControlCall"/> completes once it has been applied there, or refused by
/// the run's state (<see cref="ControlOutcome.Conflict"/>). Nothing here ever blocks the wheel thread.</para>
/// <para><b>Scopes.</b> Each call is made on behalf of a <see cref="ControlScope"/>: its actor is recorded
/// with the change, its journal (scenarios) remembers the inverse so <see cref="Undo"/> can take every
/// change back, and its gate may refuse a change when it reaches the wheel.</para>
/// <para><b>Audit.</b> Every applied change, and every undo, is handed to the observers
/// (<see cref="AddObserver"/>) on the wheel thread as a <see cref="ControlEvent"/>.</para>
/// <para><b>Stop.</b> <see cref="Close"/> (the host, once the wheel has stopped) answers every call still
/// waiting with <see cref="ControlOutcome.Unavailable"/>; later calls get the same at once.</para>
/// </remarks>
public sealed partial class RunControl
{
    private readonly RunPlan _plan;
    private readonly Func<IWheelCommand, bool> _post;
    private readonly ITimeSource _clock;
    private readonly TimeProvider _wallClock;
    private readonly TelegramDirectory _directory;
    private readonly ConcurrentDictionary<IPendingControl, byte> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _observersLock = new();
    private IControlObserver[] _observers = [];
    private long _observerFailures;
    private volatile bool _closed;

    /// <param name="plan">The plan the run was built from (fault targets and dataset layouts are resolved with it).</param>
    /// <param name="run">The live run.</param>
    /// <param name="post">Hands a command to the wheel thread (<see cref="WheelDriver.Post"/>); false = not taken.</param>
    /// <param name="clock">The wheel's time (tests drive it by hand); default the monotonic clock.</param>
    /// <param name="wallClock">UTC for audit events; default the system's.</param>
    public RunControl(RunPlan plan, LiveRun run, Func<IWheelCommand, bool> post, ITimeSource? clock = null, TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(post);
        _plan = plan;
        Run = run;
        _post = post;
        _clock = clock ?? SystemTimeSource.Instance;
        _wallClock = wallClock ?? TimeProvider.System;
        _directory = new TelegramDirectory(plan, run);
    }

    public LiveRun Run { get; }

    /// <summary>Whether the run's traffic is paused (any thread; a moment old).</summary>
    public bool IsPaused => Run.Traffic.IsPaused;

    /// <summary>Exceptions thrown by observers (caught; the change stands).</summary>
    public long ObserverFailures => Interlocked.Read(ref _observerFailures);

    /// <summary>Calls posted and not yet applied.</summary>
    public int Pending => _pending.Count;

    /// <summary>Adds an observer of applied changes (any thread; takes effect from the next change).</summary>
    public void AddObserver(IControlObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_observersLock)
        {
            Volatile.Write(ref _observers, [.. _observers, observer]);
        }
    }

    public void RemoveObserver(IControlObserver observer)
    {
        lock (_observersLock)
        {
            Volatile.Write(ref _observers, Array.FindAll(_observers, o => !ReferenceEquals(o, observer)));
        }
    }

    /// <summary>Posts any change to the wheel thread as a control action of <paramref name="scope"/>: gated,
    /// audited and awaited like the built-in ones (the scenario runtime's stop and reset use it).</summary>
    /// <param name="scope">On whose behalf.</param>
    /// <param name="action">What the change is, for the gate and the audit event.</param>
    /// <param name="target">What it acts on, as the caller resolved it.</param>
    /// <param name="detail">The new value or state in words, for the audit event.</param>
    /// <param name="change">Wheel thread: makes the change (remembering its inverse through the context) and says how it went.</param>
    public ControlCall Apply(ControlScope scope, ControlActionKind action, string target, string detail, Func<ControlContext, ControlResult> change)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(change);
        return Submit(new ControlCommand(this, scope, action, target, detail, change));
    }

    /// <summary>Wheel thread: takes back every change recorded in <paramref name="scope"/>'s journal, newest
    /// first, and repairs the faults it injected that are still attached; each undo is audited.</summary>
    public void Undo(ControlScope scope, TimingWheel wheel)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(wheel);
        if (scope.Journal is not { } journal)
        {
            return;
        }

        var now = _clock.NowNanoseconds();
        foreach (var entry in journal.TakeAll())
        {
            try
            {
                entry.Undo(wheel, now);
            }
#pragma warning disable CA1031 // One undo that fails must not keep the others from running.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }

            Raise(new ControlEvent(entry.Action, entry.Target, entry.Detail, scope.Actor, now, _wallClock.GetUtcNow(), IsUndo: true));
        }

        foreach (var fault in journal.TakeInjected())
        {
            if (fault.Attached)
            {
                Run.Faults.Settle(fault, now, 0);
                Raise(new ControlEvent(ControlActionKind.Inject, fault.Name, "repaired", scope.Actor, now, _wallClock.GetUtcNow(), IsUndo: true));
            }
        }
    }

    /// <summary>After the wheel has stopped: answers every waiting call with <see cref="ControlOutcome.Unavailable"/>
    /// and refuses later ones (any thread; safe to call more than once).</summary>
    public void Close()
    {
        _closed = true;
        var stopped = ControlResult.Unavailable("the run has stopped; nothing was changed");
        foreach (var pending in _pending.Keys)
        {
            if (_pending.TryRemove(pending, out _))
            {
                pending.Abandon(stopped);
            }
        }
    }

    /// <summary>Wheel thread: gate, change, audit, for one posted command.</summary>
    internal ControlResult Execute(ControlCommand command, TimingWheel wheel)
    {
        _pending.TryRemove(command, out _);
        var now = _clock.NowNanoseconds();
        var scope = command.Scope;
        if (scope.Refusal(command.Action, command.Target) is { } reason)
        {
            return ControlResult.Conflict(reason, command.Target);
        }

        ControlResult result;
        try
        {
            result = command.Change(new ControlContext(command, wheel, now));
        }
#pragma warning disable CA1031 // The caller is waiting for an answer; the wheel thread goes on either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ControlResult.Invalid($"the change failed: {e.Message}", command.Target);
        }

        if (result.IsApplied)
        {
            var target = result.Subject.Length > 0 ? result.Subject : command.Target;
            Raise(new ControlEvent(command.Action, target, command.Detail, scope.Actor, now, _wallClock.GetUtcNow(), IsUndo: false));
        }

        return result;
    }

    /// <summary>Wheel thread: answers one posted query.</summary>
    internal ControlResult<T> Answer<T>(ControlQuery<T> query, TimingWheel wheel, Func<TimingWheel, long, ControlResult<T>> read)
    {
        _pending.TryRemove(query, out _);
        try
        {
            return read(wheel, _clock.NowNanoseconds());
        }
#pragma warning disable CA1031 // The caller is waiting for an answer; the wheel thread goes on either way.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ControlResult.Invalid($"the read failed: {e.Message}");
        }
    }

    private ControlCall Submit(ControlCommand command)
    {
        if (Enqueue(command) is { } refused)
        {
            return ControlCall.Refused(refused);
        }

        return new ControlCall(command.Task, accepted: true);
    }

    private Task<ControlResult<T>> Query<T>(Func<TimingWheel, long, ControlResult<T>> read)
    {
        var query = new ControlQuery<T>(this, read);
        return Enqueue(query) is { } refused ? Task.FromResult<ControlResult<T>>(refused) : query.Task;
    }

    /// <summary>Posts a command, tracked until it runs; the refusal when it cannot be posted.</summary>
    private ControlResult? Enqueue<TCommand>(TCommand command)
        where TCommand : IWheelCommand, IPendingControl
    {
        if (_closed)
        {
            return ControlResult.Unavailable("the run has stopped; nothing was changed");
        }

        _pending.TryAdd(command, 0);
        if (_post(command))
        {
            // Closed while posting: the wheel may never run it, so answer now (whichever answer comes first stands).
            if (_closed && _pending.TryRemove(command, out _))
            {
                command.Abandon(ControlResult.Unavailable("the run has stopped; nothing was changed"));
            }

            return null;
        }

        _pending.TryRemove(command, out _);
        return ControlResult.Unavailable("the run's command queue is full or the run has stopped; nothing was changed");
    }

    private static ControlCall Refuse(ControlResult result) => ControlCall.Refused(result);

    private void Raise(in ControlEvent applied)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer.OnControlApplied(in applied);
            }
#pragma warning disable CA1031 // An observer's failure must not undo or hide the change it observed.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _observerFailures);
            }
        }
    }
}
