using System.Reflection;

namespace TrdpSim.Reporting;

/// <summary>Which build of trdpsim this is: its version and the git commit it was built from.</summary>
/// <remarks>The commit is stamped into the assembly at build time (<c>SourceRevision</c> metadata, see
/// TrdpSim.Core.csproj); a build without git or outside a checkout (a Docker build context) says
/// <c>unknown</c>. Both are read from attributes, which NativeAOT keeps.</remarks>
internal static class BuildInfo
{
    /// <summary>The version without build metadata, e.g. <c>1.0.0</c>.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The short git commit hash, or <c>unknown</c>.</summary>
    public static string Commit { get; } = ReadCommit();

    /// <summary>One line for <c>--version</c>: <c>trdpsim 1.0.0 (commit 2b07086)</c>.</summary>
    public static string Describe() => $"trdpsim {Version} (commit {Commit})";

    private static string ReadVersion()
    {
        string? text = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(text))
        {
            return typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // The SDK appends "+<full commit>" (source link); the commit is shown on its own.
        int plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? text : text[..plus];
    }

    private static string ReadCommit()
    {
        foreach (AssemblyMetadataAttribute metadata in typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "SourceRevision" && !string.IsNullOrWhiteSpace(metadata.Value))
            {
                return metadata.Value;
            }
        }

        return "unknown";
    }
}
