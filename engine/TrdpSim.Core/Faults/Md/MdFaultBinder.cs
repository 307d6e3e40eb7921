using TrdpSim.Distributions;
using TrdpSim.Faults.Internal;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Md;

/// <summary>Attaches message-data faults (withheld/late reply, Me error, missing confirm, wrong port)
/// to the callers and repliers of a live run.</summary>
/// <remarks>
/// <para>A fault becomes one link on the outlet of each targeted listener (reply links) or request caller
/// (a confirm link). A reply link runs after the listener's planned <see cref="ReplyBehavior"/> has decided
/// and bends that decision, so faults reuse the replier's session machinery and stack with the plan's own
/// misbehaviour; detaching removes exactly the links this fault added.</para>
/// <para>Each link draws from its own <see cref="RandomStream"/> stream, named after the fault, the device
/// and the caller/replier (<c>md-fault/{fault}/{kind}/{device}/{name}</c>), so the same seed strikes the same
/// transactions and adding a target does not shift another's numbers.</para>
/// <para>Wheel thread only: call it (and <see cref="InjectedFault.Detach"/>, and intensity changes) from
/// a wheel command, e.g. <c>RunHost.Post</c>. A wrong-port fault opens the device's extra reply socket here,
/// once per device, never per frame.</para>
/// </remarks>
internal static class MdFaultBinder
{
    /// <summary>Attaches <paramref name="fault"/> to the MD callers/repliers it targets; returns null and adds
    /// to <paramref name="errors"/> when it matches none or a parameter is bad.</summary>
    /// <param name="outlets">The run's outlets.</param>
    /// <param name="wheel">The wheel the run's frames are sent on.</param>
    /// <param name="fault">One of the MD kinds (<see cref="FaultKind.WithheldReply"/> … <see cref="FaultKind.WrongPortReply"/>).</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="errors">Receives one line per problem, <c>fault 'name': …</c> (without the source
    /// location, which the caller adds from <see cref="PlanEntry.Origin"/>).</param>
    /// <returns>The attached fault at the plan's peak intensity (<see cref="FaultPlan.Intensity"/>); ramps
    /// and settling change <see cref="InjectedFault.Intensity"/> afterwards.</returns>
    public static InjectedFault? Attach(OutletRegistry outlets, TimingWheel wheel, FaultPlan fault, ulong seed, List<string> errors)
    {
        var label = Label(fault);
        if (!CheckParameters(fault, label, errors, out var delay) || !MdFaultTargets.DevicesExist(outlets, fault.Target, label, errors))
        {
            return null;
        }

        // As the fault's clock will plan it: acting from the attach only without a start delay or ramp (so its
        // acting times are not marked by a value the clock takes back at once).
        var injected = new LinkedFault(fault) { Intensity = fault.Start == TimeSpan.Zero && fault.RampUp == TimeSpan.Zero ? fault.Intensity : 0 };
        var links = new List<FaultLink>();
        if (fault.Kind == FaultKind.MissingConfirm)
        {
            foreach (var caller in MdFaultTargets.Callers(outlets, fault.Target))
            {
                links.Add(new MissingConfirmLink(injected, caller, Stream(seed, fault, caller)));
            }
        }
        else if (!CreateReplyLinks(injected, outlets, delay, seed, label, errors, links))
        {
            return null;
        }

        if (links.Count == 0)
        {
            var role = fault.Kind == FaultKind.MissingConfirm ? "MD request caller (md-call)" : "MD replier (md-reply)";
            errors.Add($"{label}: no {role} matches target {fault.Target}");
            return null;
        }

        foreach (var link in links)
        {
            injected.Add(link, newTarget: true);
            FaultChains.Attach(link, wheel);
        }

        return injected;
    }

    /// <summary>How the binder's error lines name <paramref name="fault"/>: <c>fault 'name'</c>.</summary>
    internal static string Label(FaultPlan fault) => $"fault '{(fault.Name.Length > 0 ? fault.Name : fault.Kind.ToString())}'";

    private static bool CreateReplyLinks(LinkedFault injected, OutletRegistry outlets, DelayDistribution? delay, ulong seed,
        string label, List<string> errors, List<FaultLink> links)
    {
        var fault = injected.Plan;
        var repliers = MdFaultTargets.Repliers(outlets, fault.Target);
        var tcpOnly = repliers.Count > 0;
        foreach (var listener in repliers)
        {
            var random = Stream(seed, fault, listener);
            switch (fault.Kind)
            {
                case FaultKind.WithheldReply:
                    links.Add(new WithheldReplyLink(injected, listener, random));
                    break;
                case FaultKind.LateReply:
                    links.Add(new LateReplyLink(injected, listener, random, delay!));
                    break;
                case FaultKind.MeError:
                    links.Add(new MeErrorLink(injected, listener, random));
                    break;
                default:
                    if (listener.Tcp)
                    {
                        continue; // a TCP answer goes back on the request's connection: it has no port to get wrong
                    }

                    tcpOnly = false;
                    if (!TryOpenOtherPort(listener, label, errors))
                    {
                        return false;
                    }

                    links.Add(new WrongPortReplyLink(injected, listener, random));
                    break;
            }
        }

        if (fault.Kind == FaultKind.WrongPortReply && tcpOnly)
        {
            errors.Add($"{label}: every MD replier that matches target {fault.Target} answers over TCP, where replies have no source port of their own");
            return false;
        }

        return true;
    }

    private static bool TryOpenOtherPort(Outlet listener, string label, List<string> errors)
    {
        try
        {
            if (listener.EnsureAlternatePort() is not null)
            {
                return true;
            }

            errors.Add($"{label}: device '{listener.Device}' cannot open a second MD reply socket");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            errors.Add($"{label}: device '{listener.Device}': opening the wrong-port reply socket failed: {e.Message}");
        }

        return false;
    }

    private static bool CheckParameters(FaultPlan fault, string label, List<string> errors, out DelayDistribution? delay)
    {
        delay = null;
        var before = errors.Count;
        if (fault.Kind is not (FaultKind.WithheldReply or FaultKind.LateReply or FaultKind.MeError or FaultKind.MissingConfirm or FaultKind.WrongPortReply))
        {
            errors.Add($"{label}: {fault.Kind} is not a message-data fault");
            return false;
        }

        if (!(fault.Probability is >= 0 and <= 1))
        {
            errors.Add($"{label}: probability must be between 0 and 1 (got {fault.Probability})");
        }

        if (!(fault.Intensity is >= 0 and <= 1))
        {
            errors.Add($"{label}: intensity must be between 0 and 1 (got {fault.Intensity})");
        }

        if (fault.Kind == FaultKind.LateReply && !DelayDistribution.TryCreate(fault.Delay, out delay, out var delayError))
        {
            errors.Add($"{label}: delay '{fault.Delay}': {delayError}");
        }

        if (fault.Kind == FaultKind.MeError && fault.ErrorStatus >= 0)
        {
            errors.Add($"{label}: error status must be negative, as an 'Me' carries (got {fault.ErrorStatus}; -3 no replier, -4 no memory at replier)");
        }

        return errors.Count == before;
    }

    private static RandomStream Stream(ulong seed, FaultPlan fault, Outlet outlet) =>
        RandomStream.ForStream(seed, $"md-fault/{fault.Name}/{fault.Kind}/{outlet.Device}/{outlet.Name}");
}
