using System.Globalization;
using TrdpSim.Devices;
using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>Cycles, silence and the run-wide pause.</summary>
public sealed partial class RunControl
{
    /// <summary>Sets the cycle of every instance of a published telegram (on one device or all); a shorter
    /// cycle takes effect at once, a longer one from the next send on.</summary>
    /// <remarks>A telegram sent only when pulled has no cycle to change (<see cref="ControlOutcome.Invalid"/>).</remarks>
    public ControlCall SetCycle(ControlScope scope, string telegram, TimeSpan cycle, string? device = null)
    {
        if (cycle <= TimeSpan.Zero)
        {
            return Refuse(ControlResult.Invalid($"a cycle must be positive, not {cycle.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms"));
        }

        // The plan's bounds hold at run time too: a shorter cycle made the telegram fire on every tick of the wheel
        // (10 µs, or 0 from a huge rate: billions of dropped cycles and a core spent), and a cycle of centuries
        // overflowed the wheel's nanoseconds into a negative cycle.
        if (cycle < TrdpSim.Plan.PlanLimits.MinCycle || cycle > MaxCycle)
        {
            return Refuse(ControlResult.Invalid(
                $"a cycle must be from 1 ms to 24 h, not {cycle.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (silence stops a telegram)"));
        }

        return SetCycle(scope, telegram, cycle.ToNanoseconds(), device);
    }

    /// <summary>Longest cycle a running telegram can be given (<see cref="SetCycle(ControlScope, string, TimeSpan, string?)"/>).</summary>
    private static readonly TimeSpan MaxCycle = TimeSpan.FromHours(24);

    /// <summary>Sets how many times per second every instance of a published telegram is sent (the cycle's inverse).</summary>
    public ControlCall SetRate(ControlScope scope, string telegram, double perSecond, string? device = null)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            return Refuse(ControlResult.Invalid($"a rate must be a positive number of telegrams per second, not {perSecond.ToString(CultureInfo.InvariantCulture)}"));
        }

        var cycle = 1e9 / perSecond;
        if (cycle < TrdpSim.Plan.PlanLimits.MinCycle.TotalNanoseconds || cycle > MaxCycle.TotalNanoseconds)
        {
            return Refuse(ControlResult.Invalid(
                $"a rate must be from one per 24 h to 1000 per second (a cycle from 1 ms to 24 h), not {perSecond.ToString(CultureInfo.InvariantCulture)}"));
        }

        return SetCycle(scope, telegram, (long)Math.Round(cycle), device);
    }

    /// <summary>Switches every publication of <paramref name="device"/> off (power loss) or on again.</summary>
    /// <remarks>Independent of the silence fault and of load phases; switching off what is off is no conflict.</remarks>
    public ControlCall SilenceDevice(ControlScope scope, string device, bool silenced = true)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var found = device is null ? null : _directory.Device(device);
        if (found is null)
        {
            return Refuse(ControlResult.NotFound($"no device named '{device}'"));
        }

        return Silence(scope, found.Name, [.. found.Publications], silenced);
    }

    /// <summary>Switches every instance of a published telegram (on one device or all) off or on again.</summary>
    public ControlCall SilenceTelegram(ControlScope scope, string telegram, bool silenced = true, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var found = _directory.Publications(telegram, device, out var problem);
        if (problem is { } refused)
        {
            return Refuse(refused);
        }

        return Silence(scope, Describe(telegram, device), found.ConvertAll(f => (OutgoingTelegram)f.Publication), silenced);
    }

    /// <summary>Pauses the whole run's traffic: cyclic telegrams, pull requests and MD callers stop sending
    /// (their cycles pass, nothing is counted as dropped or skipped), and subscription supervision counts no
    /// timeouts; answers to requests still go out. A paused run is a <see cref="ControlOutcome.Conflict"/>.</summary>
    /// <remarks>The receive loops see the pause within their sweep interval (a few ms).</remarks>
    public ControlCall Pause(ControlScope scope) => Apply(scope, ControlActionKind.Pause, "run", string.Empty, context =>
    {
        if (!context.Run.Traffic.Pause())
        {
            return ControlResult.Conflict("the run is paused already", "run");
        }

        context.RememberUndo("resumed", (_, now) => Run.Traffic.Resume(now));
        return ControlResult.Applied("run", "traffic paused");
    });

    /// <summary>Lets the run's traffic go again: telegrams send from their next cycle on the same grid, and
    /// every subscription's timeout window starts again from now. A run that is not paused is a
    /// <see cref="ControlOutcome.Conflict"/>.</summary>
    public ControlCall Resume(ControlScope scope) => Apply(scope, ControlActionKind.Resume, "run", string.Empty, context =>
    {
        if (!context.Run.Traffic.Resume(context.NowNanoseconds))
        {
            return ControlResult.Conflict("the run is not paused", "run");
        }

        context.RememberUndo("paused", (_, _) => Run.Traffic.Pause());
        return ControlResult.Applied("run", "traffic resumed");
    });

    private ControlCall SetCycle(ControlScope scope, string telegram, long cycle, string? device)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var found = _directory.Publications(telegram, device, out var problem);
        if (problem is { } refused)
        {
            return Refuse(refused);
        }

        var cyclic = found.FindAll(f => !f.Publication.PullOnly).ConvertAll(f => f.Publication);
        if (cyclic.Count == 0)
        {
            return Refuse(ControlResult.Invalid($"telegram '{telegram}' is sent only when pulled; it has no cycle"));
        }

        var target = Describe(telegram, device);
        var detail = "cycle " + Milliseconds(cycle);
        return Apply(scope, ControlActionKind.SetCycle, target, detail, context =>
        {
            var before = cyclic.ConvertAll(p => p.CycleNanoseconds);
            context.RememberUndo("cycle " + Milliseconds(before[0]), (wheel, now) =>
            {
                for (var i = 0; i < cyclic.Count; i++)
                {
                    TrafficEdits.SetCycle(wheel, now, cyclic[i], before[i]);
                }
            });
            foreach (var publication in cyclic)
            {
                TrafficEdits.SetCycle(context.Wheel, context.NowNanoseconds, publication, cycle);
            }

            return ControlResult.Applied(target, $"{target}: {detail}");
        });
    }

    private ControlCall Silence(ControlScope scope, string target, List<OutgoingTelegram> telegrams, bool silenced)
    {
        var action = silenced ? ControlActionKind.Silence : ControlActionKind.Unsilence;
        return Apply(scope, action, target, string.Empty, context =>
        {
            var before = telegrams.ConvertAll(t => t.Silenced);
            context.RememberUndo("as before", (_, _) =>
            {
                for (var i = 0; i < telegrams.Count; i++)
                {
                    TrafficEdits.Silence(telegrams[i], before[i]);
                }
            });
            foreach (var telegram in telegrams)
            {
                TrafficEdits.Silence(telegram, silenced);
            }

            return ControlResult.Applied(target, $"{target}: {(silenced ? "silenced" : "sending again")} ({telegrams.Count} telegrams)");
        });
    }

    /// <summary>How a target is named in results and audit events: <c>device/telegram</c>, or the telegram alone.</summary>
    private static string Describe(string telegram, string? device) => device is null ? telegram : device + "/" + telegram;

    private static string Milliseconds(long nanoseconds) => (nanoseconds / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
