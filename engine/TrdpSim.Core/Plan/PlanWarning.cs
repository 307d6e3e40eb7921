namespace TrdpSim.Plan;

/// <summary>Something in a plan's source that does not stop the run but that the user should know: an
/// element that is read and not played, a setting that only applies in part.</summary>
public sealed record PlanWarning(SourceLocation Location, string Message)
{
    /// <summary>Compiler-style text: <c>file:line:col: warning: message</c>.</summary>
    public override string ToString() =>
        Location.File.Length == 0 ? $"warning: {Message}" : $"{Location}: warning: {Message}";
}
