namespace TrdpSim.Plan.Faults;

/// <summary>The one name table of the fault library: kebab-case kind names (TOML <c>kind</c>, JavaScript
/// <c>kind</c>, metrics label), the parameter keys each kind reads, and the words of the enumerated
/// parameters.</summary>
/// <remarks>Shared by the TOML binder, the scenario API and the runtime key-value parser, so a kind or
/// key is spelled the same everywhere.</remarks>
internal static class FaultKinds
{
    /// <summary>Keys every fault accepts (kebab-case).</summary>
    public static readonly string[] CommonKeys = ["name", "kind", "device", "telegram", "com-id", "interface", "start", "stop", "ramp-up", "intensity"];

    private static readonly Entry[] Entries =
    [
        new(FaultKind.Loss, "loss", ["probability"]),
        new(FaultKind.BurstLoss, "burst-loss", ["good-to-bad", "bad-to-good", "loss-in-good", "loss-in-bad"]),
        new(FaultKind.Delay, "delay", ["delay"]),
        new(FaultKind.Duplicate, "duplicate", ["probability", "copies"]),
        new(FaultKind.Reorder, "reorder", ["probability", "depth"]),
        new(FaultKind.CorruptFcs, "corrupt-fcs", ["probability"]),
        new(FaultKind.BitFlip, "bit-flip", ["probability", "bits"]),
        new(FaultKind.SequenceFault, "sequence", ["mode", "step"]),
        new(FaultKind.TopoChange, "topo-change", ["etb-topo-count", "op-train-topo-count"]),
        new(FaultKind.Malform, "malform", ["malformation"]),
        new(FaultKind.Silence, "silence", []),
        new(FaultKind.Babble, "babble", ["rate-factor"]),
        new(FaultKind.CycleDrift, "cycle-drift", ["drift-ppm"]),
        new(FaultKind.WithheldReply, "withheld-reply", ["probability"]),
        new(FaultKind.LateReply, "late-reply", ["probability", "delay"]),
        new(FaultKind.MeError, "me-error", ["probability", "error-status"]),
        new(FaultKind.MissingConfirm, "missing-confirm", ["probability"]),
        new(FaultKind.WrongPortReply, "wrong-port-reply", ["probability"]),
    ];

    /// <summary>Sequence fault modes (<c>mode</c>).</summary>
    public static readonly (string Word, SequenceFaultMode Value)[] SequenceModes =
        [("freeze", SequenceFaultMode.Freeze), ("jump", SequenceFaultMode.Jump), ("reset", SequenceFaultMode.Reset), ("roll-back", SequenceFaultMode.RollBack)];

    /// <summary>Malformation variants (<c>malformation</c>).</summary>
    public static readonly (string Word, MalformationKind Value)[] Malformations =
        [("version", MalformationKind.ProtocolVersion), ("length", MalformationKind.Length), ("padding", MalformationKind.Padding),
         ("message-type", MalformationKind.MessageType), ("truncated", MalformationKind.Truncated)];

    /// <summary>Every kind name, in declaration order (for messages and documentation).</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (var entry in Entries)
            {
                yield return entry.Name;
            }
        }
    }

    /// <summary>The kebab-case name of <paramref name="kind"/> (e.g. <c>burst-loss</c>).</summary>
    public static string Name(FaultKind kind) => Find(kind).Name;

    /// <summary>Parses a kebab-case kind name (case-insensitive).</summary>
    public static bool TryParse(string? text, out FaultKind kind)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                kind = entry.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The parameter keys <paramref name="kind"/> reads besides <see cref="CommonKeys"/>.</summary>
    public static IReadOnlyList<string> ParameterKeys(FaultKind kind) => Find(kind).Keys;

    /// <summary>Every key any fault accepts (common and kind parameters, each once).</summary>
    public static IReadOnlyList<string> AllKeys()
    {
        var keys = new List<string>(CommonKeys);
        foreach (var entry in Entries)
        {
            foreach (var key in entry.Keys)
            {
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    /// <summary>Whether <paramref name="kind"/> strikes message data (callers/repliers) rather than published PD.</summary>
    public static bool IsMessageData(FaultKind kind) => kind >= FaultKind.WithheldReply;

    /// <summary>Turns a kebab-case key into the camelCase spelling of the scenario API (<c>ramp-up</c> → <c>rampUp</c>).</summary>
    public static string CamelCase(string key)
    {
        var text = new System.Text.StringBuilder(key.Length);
        var upper = false;
        foreach (var c in key)
        {
            if (c == '-')
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return text.ToString();
    }

    private static Entry Find(FaultKind kind)
    {
        foreach (var entry in Entries)
        {
            if (entry.Kind == kind)
            {
                return entry;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown fault kind");
    }

    private sealed record Entry(FaultKind Kind, string Name, string[] Keys);
}
