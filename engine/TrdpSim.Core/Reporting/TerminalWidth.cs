namespace TrdpSim.Reporting;

/// <summary>How many columns the summary may use.</summary>
internal static class TerminalWidth
{
    /// <summary>The width when standard output is not a terminal (a file, a pipe, CI logs), or when the
    /// terminal does not say.</summary>
    public const int Default = 120;

    /// <summary>Narrowest width laid out for; a narrower terminal wraps what does not fit.</summary>
    public const int Minimum = 60;

    /// <summary>The terminal's width when standard output is one, else <see cref="Default"/>.</summary>
    public static int Current()
    {
        if (Console.IsOutputRedirected)
        {
            return Default;
        }

        try
        {
            int width = Console.WindowWidth;
            return width > 0 ? Math.Max(width, Minimum) : Default;
        }
        catch (IOException)
        {
            return Default; // no terminal after all (detached, or the ioctl failed)
        }
        catch (PlatformNotSupportedException)
        {
            return Default;
        }
    }
}
