using TrdpSim.Configuration;

namespace TrdpSim.Cli.Commands;

/// <summary>The daemon config as <c>serve</c> and <c>ctl</c> both read it (<c>--config</c>): one reading, so both
/// report a bad file the same way and refuse it with the same exit code.</summary>
internal static class DaemonSettingsFile
{
    /// <summary>The settings in <paramref name="path"/> (the defaults without a path), or null when the file cannot be
    /// used; every error found is printed to stderr either way.</summary>
    public static DaemonSettings? Load(string? path)
    {
        if (path is null)
        {
            return new DaemonSettings();
        }

        var (loaded, errors) = DaemonConfigLoader.LoadFile(path);
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error.ToString());
        }

        return loaded;
    }
}
