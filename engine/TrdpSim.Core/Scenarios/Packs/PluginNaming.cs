namespace TrdpSim.Scenarios.Packs;

/// <summary>The spelling rules of plugin names, versions and parameter names.</summary>
/// <remarks>Names become folder and archive names on every machine a pack travels to, so they are
/// restricted to lowercase kebab-case (no case-folding surprises, no shell quoting). Versions follow
/// Semantic Versioning 2.0.0 so <c>list</c> and <c>install</c> can tell versions apart.</remarks>
internal static class PluginNaming
{
    /// <summary>Longest plugin name accepted.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Lowercase kebab-case: <c>[a-z][a-z0-9]*(-[a-z0-9]+)*</c>, at most <see cref="MaxNameLength"/> characters.</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxNameLength || name[0] is < 'a' or > 'z' || name[^1] == '-')
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && name[i - 1] != '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A <c>--param</c> name: a letter, then letters, digits, <c>_</c>, <c>-</c> or <c>.</c>.</summary>
    public static bool IsValidParameterName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxNameLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Semantic Versioning 2.0.0: <c>MAJOR.MINOR.PATCH</c>, optional <c>-pre.release</c> and
    /// <c>+build</c>; numeric parts without leading zeros.</summary>
    public static bool IsValidVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Length == 0 || version.Length > 128)
        {
            return false;
        }

        string core = version;
        int plus = core.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!Identifiers(core[(plus + 1)..], numericRule: false))
            {
                return false;
            }

            core = core[..plus];
        }

        int dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!Identifiers(core[(dash + 1)..], numericRule: true))
            {
                return false;
            }

            core = core[..dash];
        }

        string[] parts = core.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (!IsNumber(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Identifiers(string text, bool numericRule)
    {
        foreach (string id in text.Split('.'))
        {
            if (id.Length == 0)
            {
                return false;
            }

            bool allDigits = true;
            foreach (char c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }

                allDigits &= char.IsAsciiDigit(c);
            }

            if (numericRule && allDigits && id.Length > 1 && id[0] == '0')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(string part)
    {
        if (part.Length == 0 || part.Length > 9 || (part.Length > 1 && part[0] == '0'))
        {
            return false;
        }

        foreach (char c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
