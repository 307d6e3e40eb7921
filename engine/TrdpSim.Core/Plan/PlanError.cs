namespace TrdpSim.Plan;

/// <summary>One problem found in a plan or its source, with the place it points at.</summary>
public sealed record PlanError(SourceLocation Location, string Message)
{
    /// <summary>Compiler-style text: <c>file:line:col: error: message</c>.</summary>
    public override string ToString() =>
        Location.File.Length == 0 ? $"error: {Message}" : $"{Location}: error: {Message}";
}
