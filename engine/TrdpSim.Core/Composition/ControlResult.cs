namespace TrdpSim.Composition;

/// <summary>How a control call ended. The HTTP control plane maps these to status codes (200, 404, 400, 409, 503).</summary>
public enum ControlOutcome
{
    /// <summary>The change was made (or the query answered) on the wheel thread.</summary>
    Applied,

    /// <summary>A name matched nothing: device, telegram, field, fault target or scenario (nothing changed).</summary>
    NotFound,

    /// <summary>The request itself is wrong: a bad value, a field without generator, a fault parameter out of
    /// range (nothing changed).</summary>
    Invalid,

    /// <summary>The request is fine but the run's state refuses it: resume a run that is not paused, repair a
    /// fault that is not active, a change from a scenario that has settled (nothing changed).</summary>
    Conflict,

    /// <summary>The run cannot take commands: it has stopped, or its command queue is full (nothing changed).</summary>
    Unavailable,
}

/// <summary>The answer to a control call: its outcome, what it concerned and a sentence saying what happened
/// or why not.</summary>
/// <param name="Outcome">How the call ended.</param>
/// <param name="Message">What was done (<see cref="ControlOutcome.Applied"/>) or why nothing was: names what
/// and, for a bad name, which one.</param>
/// <param name="Subject">What the call acted on, resolved (a fault's name, also when the run named it; a
/// telegram, a device); empty when nothing was resolved.</param>
public readonly record struct ControlResult(ControlOutcome Outcome, string Message, string Subject = "")
{
    /// <summary>Whether the change was made.</summary>
    public bool IsApplied => Outcome == ControlOutcome.Applied;

    public static ControlResult Applied(string subject, string message) => new(ControlOutcome.Applied, message, subject);

    public static ControlResult NotFound(string message) => new(ControlOutcome.NotFound, message);

    public static ControlResult Invalid(string message, string subject = "") => new(ControlOutcome.Invalid, message, subject);

    public static ControlResult Conflict(string message, string subject = "") => new(ControlOutcome.Conflict, message, subject);

    public static ControlResult Unavailable(string message) => new(ControlOutcome.Unavailable, message);

    public override string ToString() => $"{Outcome}: {Message}";
}

/// <summary>The answer to a control query: the outcome as for a change, and the value read when it was answered.</summary>
public readonly record struct ControlResult<T>(ControlResult Result, T? Value)
{
    public ControlOutcome Outcome => Result.Outcome;

    public string Message => Result.Message;

    public bool IsApplied => Result.IsApplied;

    public static implicit operator ControlResult<T>(ControlResult result) => new(result, default);
}
