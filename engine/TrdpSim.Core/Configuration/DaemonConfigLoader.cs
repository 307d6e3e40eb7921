using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Reads a daemon config: one <c>[daemon]</c> section (format: configs/README.md, "Daemon"), with
/// <c>file:line:col</c> for every error, unknown keys included, like a plan file.</summary>
public static class DaemonConfigLoader
{
    public static (DaemonSettings? Settings, IReadOnlyList<PlanError> Errors) LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        if (PlanSourceFile.CheckReadable(path) is { } refused)
        {
            // A FIFO given as --config held 'trdpsim serve' before it served anything.
            return (null, [new PlanError(new SourceLocation(path, 0, 0), refused)]);
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, [new PlanError(new SourceLocation(path, 0, 0), $"cannot read the file: {e.Message}")]);
        }

        return Load(text, path);
    }

    /// <summary>Binds <paramref name="text"/>; relative paths are taken from the folder of <paramref name="fileName"/>.</summary>
    public static (DaemonSettings? Settings, IReadOnlyList<PlanError> Errors) Load(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new PlanErrorSink();
        var root = new TomlTableReader(TomlTreeBuilder.Parse(text, fileName, errors), "the file", errors);
        var settings = new DaemonSettings();
        if (root.SubTable("daemon") is { } table)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".";
            var daemon = new TomlTableReader(table, "[daemon]", errors);
            settings = new DaemonSettings
            {
                Urls = Text(daemon, "urls"),
                Token = Text(daemon, "token"),
                TokenFile = PathOf(daemon, "token-file", folder),
                PluginDirectory = PathOf(daemon, "plugin-dir", folder),
                DataDirectory = PathOf(daemon, "data-dir", folder),
                MaxLiveRuns = (int)daemon.Integer("max-live-runs", 1, 1000, settings.MaxLiveRuns),
                MaxFinishedRuns = (int)daemon.Integer("max-finished-runs", 0, 100_000, settings.MaxFinishedRuns),
                FinishedRetention = daemon.TryDuration("finished-retention", false, out var retention, out _) ? retention : settings.FinishedRetention,
            };
            if (settings.Urls is { } urls)
            {
                foreach (var url in urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
                    {
                        daemon.TryString("urls", out _, out var at);
                        errors.Add(at, $"[daemon] urls: '{url}' is not http://ip:port");
                    }
                }
            }

            daemon.ReportUnknownKeys();
        }
        else
        {
            errors.Add(new SourceLocation(fileName, 1, 1), "a daemon config needs a [daemon] section");
        }

        root.ReportUnknownKeys();
        var list = errors.ToSortedList();
        return (list.Count == 0 ? settings : null, list);
    }

    private static string? Text(TomlTableReader reader, string key) => reader.TryString(key, out var value, out _) ? value : null;

    private static string? PathOf(TomlTableReader reader, string key, string folder) =>
        Text(reader, key) is { } path ? Path.GetFullPath(Path.Combine(folder, path)) : null;
}
