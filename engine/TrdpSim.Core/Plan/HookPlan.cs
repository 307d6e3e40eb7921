namespace TrdpSim.Plan;

/// <summary>A script function called when something happens in the run.</summary>
public sealed class HookPlan : PlanEntry
{
    public HookKind Kind { get; set; }

    /// <summary>Only subscriptions (or MD repliers) of this device (<c>"*"</c> = any).</summary>
    public string Device { get; set; } = "*";

    /// <summary>Only telegrams with this ComId (<c>null</c> = any).</summary>
    public uint? ComId { get; set; }

    /// <summary>Only frames from this source address, host order (0 = any).</summary>
    public uint Source { get; set; }

    /// <summary>Deliver every Nth matching telegram per subscription (1 = all).</summary>
    public int Sample { get; set; } = 1;

    /// <summary>Index of the callback in the scenario's script.</summary>
    public int Callback { get; set; }
}

/// <summary>Events a hook can follow.</summary>
public enum HookKind
{
    /// <summary>A PD telegram accepted by a subscription.</summary>
    Telegram,

    /// <summary>A subscription timed out.</summary>
    Timeout,

    /// <summary>The scenario entered a phase.</summary>
    Phase,

    /// <summary>The run ended; the callback gets the summary.</summary>
    End,

    /// <summary>An MD replier got a request; the callback computes the answer.</summary>
    MdRequest,
}
