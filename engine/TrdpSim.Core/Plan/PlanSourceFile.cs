namespace TrdpSim.Plan;

/// <summary>Reads a plan source file (TOML, JavaScript) for a front end: its text, or the error that names the
/// file and why it could not be read — never an exception for a missing, unreadable or oddly named file.</summary>
internal static class PlanSourceFile
{
    public static bool TryRead(string path, out string text, out PlanError error)
    {
        try
        {
            text = File.ReadAllText(path);
            error = default!;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            text = string.Empty;
            error = new PlanError(new SourceLocation(path, 0, 0), $"cannot read the file: {e.Message}");
            return false;
        }
    }
}
