using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control;

/// <summary>What <see cref="ControlServer"/> serves and where.</summary>
public sealed class ControlServerOptions
{
    /// <summary>The default address: loopback only, since the control plane changes what the rig sends.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9465";

    /// <summary>Where to listen (<c>http://ip:port</c>; port 0 = any free port).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>The runs the API controls.</summary>
    public required RunRegistry Runs { get; init; }

    /// <summary>The bearer token changing requests must carry.</summary>
    public required ControlToken Token { get; init; }

    /// <summary>Where plugins are listed, installed and deleted.</summary>
    public required string PluginDirectory { get; init; }

    /// <summary>The run store the daemon records its runs into, served under <c>/api/store/runs</c>; null = none (503 there).</summary>
    internal Records.RunStore? Store { get; init; }

    /// <summary>The largest request body outside plugin uploads (a JSON request). Default 1 MiB; more is 413.</summary>
    public long MaxBodyBytes { get; init; } = 1L << 20;

    /// <summary>Also serve the document generated from the endpoints now, at <see cref="ControlServer.LiveOpenApiPath"/>
    /// (JIT only: the generator does not run under NativeAOT). Tests compare it with the document served.</summary>
    public bool LiveOpenApi { get; init; }

    /// <summary>More endpoints on the same app (an event stream, ingest …), mapped after the built-in ones.</summary>
    public IReadOnlyList<Action<IEndpointRouteBuilder>> MoreEndpoints { get; init; } = [];
}
