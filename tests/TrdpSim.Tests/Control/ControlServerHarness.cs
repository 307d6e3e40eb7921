using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrdpSim.Control;
using TrdpSim.Control.Security;
using TrdpSim.Hosting;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Tests.Hosting;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Control;

/// <summary>A control server on a free loopback port with a run registry whose runs play on in-memory networks of
/// their own (an optional observer sees every frame), a known token, and clients with and without it.</summary>
internal sealed class ControlServerHarness : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private ControlServerHarness(ControlServer server, RunRegistry registry, DaemonPlanFiles files, string plugins)
    {
        Server = server;
        Registry = registry;
        Files = files;
        PluginDirectory = plugins;
        var address = server.Addresses[0];
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ControlServer Server { get; }

    public RunRegistry Registry { get; }

    public DaemonPlanFiles Files { get; }

    public string PluginDirectory { get; }

    /// <summary>The run store the runs are recorded into (null unless asked for).</summary>
    public TrdpSim.Records.RunStore? Store { get; private init; }

    /// <summary>Sends the daemon's token.</summary>
    public HttpClient Client { get; }

    /// <summary>Sends no token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>Starts the harness; with <paramref name="store"/> every run is recorded into a run store in its folder (<see cref="Store"/>).</summary>
    public static async Task<ControlServerHarness> StartAsync(FrameObserver? observer = null, int maxLive = 8, bool liveOpenApi = false, bool store = false)
    {
        var files = new DaemonPlanFiles();
        var plugins = Path.Combine(files.Folder, "plugins");
        Directory.CreateDirectory(plugins);
        var runStore = store ? TrdpSim.Records.RunStore.Open(Path.Combine(files.Folder, "data")) : null;
        var registry = new RunRegistry(new RunRegistryOptions
        {
            Store = runStore,
            MaxLiveRuns = maxLive,
            PluginDirectory = plugins,
            Log = TextWriter.Null,
            HostOptions = _ => new RunHostOptions { Transport = new InMemoryUdpTransport(queueCapacity: 8192) { Observer = observer }, ScenarioLog = TextWriter.Null },
        });
        var server = await ControlServer.StartAsync(new ControlServerOptions
        {
            Urls = ["http://127.0.0.1:0"],
            Runs = registry,
            Token = ControlToken.Of(Token),
            PluginDirectory = plugins,
            MaxBodyBytes = 64 * 1024,
            LiveOpenApi = liveOpenApi,
            Store = runStore,
        });
        return new ControlServerHarness(server, registry, files, plugins) { Store = runStore };
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Starts a run of <paramref name="files"/> over HTTP and returns its id.</summary>
    public async Task<string> StartRunAsync(params string[] files)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["files"] = files });
        using var response = await Client.PostAsync("/api/runs", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Status and parsed body of an answer.</summary>
    public static async Task<(int Status, JsonElement Body)> ReadAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await Server.DisposeAsync();
        await Registry.DisposeAsync();
        Files.Dispose();
    }
}
