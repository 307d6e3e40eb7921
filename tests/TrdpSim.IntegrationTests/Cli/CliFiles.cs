namespace TrdpSim.IntegrationTests.Cli;

/// <summary>A temporary folder with small valid plan files for command-line tests (in-memory transport: no sockets).</summary>
internal sealed class CliFiles : IDisposable
{
    /// <summary>The in-memory transport every plan here runs on.</summary>
    private const string InMemoryNetwork = """
        [network]
        transport = "in-memory"
        """;

    /// <summary>Device <c>b</c> subscribing to ComId 1000 as <c>in</c>; the plan that uses it adds the timeout.</summary>
    private const string SubscriberB = """
        [[device]]
        name = "b"
        address = "10.0.0.3"

        [[device.subscribe]]
        name = "in"
        com-id = 1000
        """;

    /// <summary>Two devices: <c>a</c> publishes ComId 1000 every 10 ms, <c>b</c> subscribes to it.</summary>
    public const string PairToml = InMemoryNetwork + "\n\n" + """
        [[device]]
        name = "a"
        address = "10.0.0.2"

        [[device.publish]]
        name = "out"
        com-id = 1000
        cycle = "10ms"
        destination = "10.0.0.3"
        payload-length = 16
        """ + "\n\n" + SubscriberB + "\ntimeout = \"2s\"";

    /// <summary>Only <c>b</c> with its subscription (timeout 100 ms): nobody publishes, so it times out.</summary>
    public const string LoneSubscriberToml = InMemoryNetwork + "\n\n" + SubscriberB + "\ntimeout = \"100ms\"";

    /// <summary>The same pair as a scenario with two parameters: <c>cycle</c> (default 10ms) and <c>label</c> (default "x").</summary>
    public const string PairScript = """
        export default function (plan) {
          const cycle = plan.param("cycle", { type: "duration", default: "10ms" });
          plan.param("label", { type: "string", default: "x" });
          plan.network({ transport: "in-memory" });
          const a = plan.device({ name: "a", address: "10.0.0.2" });
          const b = plan.device({ name: "b", address: "10.0.0.3" });
          a.publish({ name: "out", comId: 1000, payloadLength: 16, cycle, destination: "10.0.0.3" });
          b.subscribe({ name: "in", comId: 1000, timeout: "2s" });
        }
        """;

    public CliFiles()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("trdpsim-cli-").FullName;
        Pair = Write("pair.toml", PairToml);
    }

    public string Directory { get; }

    /// <summary>A valid configuration (<see cref="PairToml"/>).</summary>
    public string Pair { get; }

    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
