namespace TrdpSim.Plan.Faults;

/// <summary>Which telegrams a <see cref="FaultTarget"/> names, for the live run and for plan validation.</summary>
internal static class FaultTargets
{
    /// <summary>Whether a telegram instance called <paramref name="instanceName"/> with
    /// <paramref name="comId"/> is targeted (device already matched).</summary>
    /// <remarks>An instance <c>name#i</c> (a plan entry with <c>count</c> &gt; 1) belongs to plan name <c>name</c>;
    /// naming the instance itself targets just that one.</remarks>
    public static bool Matches(FaultTarget target, string instanceName, uint comId)
    {
        if (target.ComId is { } wanted && wanted != comId)
        {
            return false;
        }

        return NameMatches(instanceName, target.Telegram);
    }

    /// <summary>Whether the telegram instance <paramref name="instanceName"/> is <paramref name="planName"/>
    /// or one of its numbered instances (<c>name#i</c>); a null plan name matches every telegram.</summary>
    public static bool NameMatches(string instanceName, string? planName)
    {
        if (planName is null || string.Equals(planName, instanceName, StringComparison.Ordinal))
        {
            return true;
        }

        var hash = instanceName.LastIndexOf('#');
        return hash > 0 && instanceName.AsSpan(0, hash).SequenceEqual(planName) && IsDigits(instanceName.AsSpan(hash + 1));
    }

    /// <summary>Why <paramref name="fault"/> matches no telegram of <paramref name="plan"/>, or null when it matches some.</summary>
    /// <remarks>Message-data faults are matched by role, as the run attaches them: a missing confirm needs a
    /// request caller (an 'Mn' has nobody to confirm), the other MD kinds a replier, and a wrong-port reply a
    /// replier over UDP (a TCP reply has no source port of its own).</remarks>
    public static string? Problem(RunPlan plan, FaultPlan fault)
    {
        var target = fault.Target;
        var md = FaultKinds.IsMessageData(fault.Kind);
        var face = InterfaceNames.IndexOf(target.Interface);
        if (target.Interface is not null && (md || face < 0))
        {
            return md ? "'interface' applies to published telegrams (PD faults) only"
                : $"no interface called '{target.Interface}' (a multi-homed device's interfaces are a, b, c, d in the order of its 'interfaces')";
        }

        var deviceFound = false;
        foreach (var device in plan.Devices)
        {
            if (target.Device != "*" && !string.Equals(target.Device, device.Name, StringComparison.Ordinal))
            {
                continue;
            }

            if (face > 0 && face >= device.Interfaces.Count)
            {
                deviceFound = true;
                continue; // the device has no such interface
            }

            deviceFound = true;
            if (md ? MatchesMessageData(target, fault.Kind, device) : MatchesPublications(target, device))
            {
                return null;
            }
        }

        if (!deviceFound)
        {
            return $"no device called '{target.Device}'";
        }

        return fault.Kind switch
        {
            _ when !md => $"no published telegram matches {target}",
            FaultKind.MissingConfirm => $"no MD request caller (md-call of kind \"request\") matches {target}",
            FaultKind.WrongPortReply => $"no MD replier over UDP (md-reply) matches {target}: a TCP reply has no source port of its own",
            _ => $"no MD replier (md-reply) matches {target}",
        };
    }

    private static bool MatchesPublications(FaultTarget target, DevicePlan device)
    {
        foreach (var publication in device.Publications)
        {
            for (var i = 0; i < publication.Count; i++)
            {
                var name = publication.Count == 1 ? publication.Name : publication.Name + "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (Matches(target, name, publication.ComId + ((uint)i * publication.ComIdStep)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool MatchesMessageData(FaultTarget target, FaultKind kind, DevicePlan device)
    {
        if (kind == FaultKind.MissingConfirm)
        {
            foreach (var caller in device.MdCallers)
            {
                if (caller.Kind == MdCallKind.Request && Matches(target, caller.Name, caller.ComId))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var replier in device.MdRepliers)
        {
            if ((kind != FaultKind.WrongPortReply || replier.Protocol != MdProtocol.Tcp) && Matches(target, replier.Name, replier.ComId))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
