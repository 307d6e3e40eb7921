using System.Globalization;

namespace TrdpSim.Tests.Hosting;

/// <summary>Plan files for daemon tests, written to a temporary folder: a publisher and a subscriber on the in-memory
/// network (every run has a network of its own, so runs never collide), with a generated and a plain field.</summary>
internal sealed class DaemonPlanFiles : IDisposable
{
    public DaemonPlanFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"trdpsim-daemon-{Guid.NewGuid():N}");

    /// <summary>A pair on the in-memory network; <paramref name="extra"/> is appended (thresholds, faults).</summary>
    public string Pair(string name = "pair", int cycleMs = 10, string extra = "")
    {
        var text = $$"""
            [run]
            name = "{{name}}"

            [network]
            transport = "in-memory"

            [[dataset]]
            id = 1001
            name = "state"
              [[dataset.element]]
              name = "life"
              type = "UINT16"
              [[dataset.element]]
              name = "mode"
              type = "UINT8"

            [[device]]
            name = "A"
            address = "10.9.0.1"
              [[device.publish]]
              name = "out"
              com-id = 1000
              dataset = 1001
              cycle = "{{cycleMs.ToString(CultureInfo.InvariantCulture)}}ms"
              destination = "10.9.0.2"
                [[device.publish.field]]
                field = "life"
                kind = "counter"

            [[device]]
            name = "B"
            address = "10.9.0.2"
              [[device.subscribe]]
              name = "in"
              com-id = 1000
              source = "10.9.0.1"
              timeout = "1s"
            {{extra}}
            """;
        return Write(name + ".toml", text);
    }

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
