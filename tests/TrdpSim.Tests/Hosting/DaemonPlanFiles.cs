using System.Globalization;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Hosting;

/// <summary>Plan files for daemon tests, written to a temporary folder: a publisher and a subscriber on the in-memory
/// network (every run has a network of its own, so runs never collide), with a generated and a plain field.</summary>
internal sealed class DaemonPlanFiles : IDisposable
{
    public DaemonPlanFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"trdpsim-daemon-{Guid.NewGuid():N}");

    /// <summary>A pair on the in-memory network; <paramref name="extra"/> is appended (thresholds, faults).</summary>
    public string Pair(string name = "pair", int cycleMs = 10, string extra = "") => Write(name + ".toml", DaemonPairToml.Text(
        name, elements: ["life UINT16", "mode UINT8"], cycle: cycleMs.ToString(CultureInfo.InvariantCulture) + "ms", counter: "life", extra: extra));

    public string Write(string file, string text)
    {
        var path = Path.Combine(Folder, file);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
