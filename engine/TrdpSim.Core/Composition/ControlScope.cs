namespace TrdpSim.Composition;

/// <summary>On whose behalf control calls are made: the actor recorded with each change, the journal that
/// remembers how to take the changes back (scenarios; HTTP changes are not journaled), and an optional gate
/// that may refuse a change when it reaches the wheel thread.</summary>
public sealed class ControlScope
{
    private readonly Func<ControlActionKind, string, string?>? _gate;

    /// <param name="actor">Who makes the changes.</param>
    /// <param name="journal">Where each change's inverse is recorded; null = changes stay until changed again.</param>
    /// <param name="gate">Wheel thread, before each change: a reason to refuse it (a
    /// <see cref="ControlOutcome.Conflict"/>), or null to let it go ahead. Gets the action and its target.</param>
    public ControlScope(ControlActor actor, ControlJournal? journal = null, Func<ControlActionKind, string, string?>? gate = null)
    {
        Actor = actor;
        Journal = journal;
        _gate = gate;
    }

    public ControlActor Actor { get; }

    public ControlJournal? Journal { get; }

    /// <summary>An unjournaled scope for a client of the HTTP control plane.</summary>
    public static ControlScope Http(string client) => new(ControlActor.Http(client));

    /// <summary>An unjournaled scope for the host itself.</summary>
    public static ControlScope Host { get; } = new(ControlActor.Host);

    internal string? Refusal(ControlActionKind action, string target) => _gate?.Invoke(action, target);
}
