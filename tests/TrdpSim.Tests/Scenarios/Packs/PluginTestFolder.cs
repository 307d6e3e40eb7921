using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace TrdpSim.Tests.Scenarios.Packs;

/// <summary>A temporary folder for plugin tests, deleted on dispose, with helpers to write plugins and hand-made archives.</summary>
internal sealed class PluginTestFolder : IDisposable
{
    public const string Script = """
        export default function (plan) {
          const cycle = plan.param("cycle", { type: "duration", default: "100ms" });
          const count = plan.param("count", { type: "number", default: 2 });
          plan.name("demo-run");
          const a = plan.device({ name: "a", address: "127.0.0.2" });
          for (let i = 0; i < count; i++) {
            a.publish({ comId: 1000 + i, payloadLength: 8, cycle, destination: "239.1.1.1" });
          }
        }
        """;

    public const string Manifest = """
        name = "demo"
        version = "1.2.3"
        api-version = 1
        description = "A demo plugin"

        [[parameter]]
        name = "cycle"
        type = "duration"
        default = "100ms"

        [[parameter]]
        name = "count"
        type = "number"
        default = 2
        """;

    public PluginTestFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), $"trdpsim-packs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a plugin folder <c>Root/sub/name</c> and returns its path.</summary>
    public string WritePlugin(string name = "demo", string manifest = Manifest, string script = Script, string sub = "src")
    {
        string folder = Path.Combine(Root, sub, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "plugin.toml"), manifest);
        if (script.Length > 0)
        {
            File.WriteAllText(Path.Combine(folder, "scenario.js"), script);
        }

        return folder;
    }

    /// <summary>Writes a gzip-compressed tar of <paramref name="entries"/> and a matching checksum file beside it.</summary>
    public string WriteArchive(string fileName, params (string Name, TarEntryType Type, byte[] Data, string? Link)[] entries)
    {
        string path = Path.Combine(Root, fileName);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach ((string name, TarEntryType type, byte[] data, string? link) in entries)
            {
                var entry = new PaxTarEntry(type, name);
                if (link is not null)
                {
                    entry.LinkName = link;
                }

                if (type == TarEntryType.RegularFile)
                {
                    entry.DataStream = new MemoryStream(data);
                }

                tar.WriteEntry(entry);
            }
        }

        WriteChecksum(path);
        return path;
    }

    /// <summary>(Re)writes <c>path.sha256</c> to match the file as it is now.</summary>
    public static void WriteChecksum(string path) =>
        File.WriteAllText(path + ".sha256", $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}  {Path.GetFileName(path)}\n");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
