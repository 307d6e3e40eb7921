namespace TrdpSim.Scenarios.Packs;

/// <summary>The file names a plugin pack may contain, checked when packing and again when installing.</summary>
/// <remarks>
/// A pack is untrusted input on the machine that installs it: an entry such as <c>../../.bashrc</c> or
/// <c>/etc/passwd</c> must never be written. Rather than trying to neutralise dangerous names, only a
/// portable set is accepted: relative paths of <c>/</c>-separated segments made of ASCII letters,
/// digits, <c>.</c>, <c>_</c> and <c>-</c>, no segment starting with <c>.</c> (which also excludes
/// <c>.</c>, <c>..</c> and hidden files), bounded length and depth. Such names mean the same on every
/// file system the pack may travel to.
/// </remarks>
internal static class PackPaths
{
    /// <summary>Longest relative path (fits a ustar header's name and prefix fields).</summary>
    public const int MaxLength = 200;

    /// <summary>Deepest folder nesting.</summary>
    public const int MaxDepth = 8;

    /// <summary>Null when <paramref name="relative"/> is an acceptable file path inside a plugin, else why not.</summary>
    public static string? Problem(string relative)
    {
        if (relative.Length == 0)
        {
            return "empty path";
        }

        if (relative.Length > MaxLength)
        {
            return $"path longer than {MaxLength} characters";
        }

        if (relative[0] == '/' || relative.Contains('\\', StringComparison.Ordinal) || (relative.Length > 1 && relative[1] == ':'))
        {
            return "absolute paths and '\\' are not allowed";
        }

        string[] segments = relative.Split('/');
        if (segments.Length > MaxDepth)
        {
            return $"nested deeper than {MaxDepth} folders";
        }

        foreach (string segment in segments)
        {
            if (segment.Length == 0)
            {
                return "empty path segment";
            }

            if (segment[0] == '.')
            {
                return segment is "." or ".." ? "'.' and '..' segments are not allowed" : "hidden names (starting with '.') are not allowed";
            }

            foreach (char c in segment)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
                {
                    return "only ASCII letters, digits, '.', '_' and '-' are allowed in file names";
                }
            }
        }

        return null;
    }
}
