namespace TrdpSim.Plan;

/// <summary>Where a plan item was declared (a TOML key, a line of a scenario script, an XML element).</summary>
/// <remarks>Carried by every plan item so that checks made long after parsing (validation, compilation
/// into devices) still report <c>file:line:col</c>. Line and column are 1-based; 0 means unknown.</remarks>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>No known origin (items built in code).</summary>
    public static SourceLocation None => new(string.Empty, 0, 0);

    /// <summary><c>file:line:col</c>, or the file alone when the position is unknown.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
