using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrdpSim.Control;
using TrdpSim.Events;

namespace TrdpSim.Tests.Control;

/// <summary>A minimal Kestrel app on 127.0.0.1 (a free port) with the stream endpoints mapped over one bus, as
/// <c>trdpsim run</c> and <c>trdpsim serve</c> plug them in.</summary>
internal sealed class StreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamServer(WebApplication app, RunEventBus bus, StreamEndpointOptions options, Uri address)
    {
        _app = app;
        Bus = bus;
        Options = options;
        Address = address;
    }

    public RunEventBus Bus { get; }

    public StreamEndpointOptions Options { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address { get; }

    public Uri WebSocketUri(string query = "") => new($"ws://{Address.Authority}/api/stream{query}");

    public static async Task<StreamServer> StartAsync(RunEventBus bus, Func<RunEventBus, StreamEndpointOptions>? configure = null)
    {
        var options = configure?.Invoke(bus) ?? new StreamEndpointOptions { Runs = id => id is null or "r1" ? bus : null };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapStreamEndpoints(options);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StreamServer(app, bus, options, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Opens a WebSocket client.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string query = "")
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(WebSocketUri(query), timeout.Token).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Sends one JSON request.</summary>
    public static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads one whole frame as JSON; null when the server closed.</summary>
    public static async Task<JsonDocument?> ReceiveAsync(ClientWebSocket socket, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }

    /// <summary>Reads frames until one of <paramref name="type"/> comes (others are skipped).</summary>
    public static async Task<JsonDocument> ReceiveTypeAsync(ClientWebSocket socket, string type, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = await ReceiveAsync(socket, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"closed before a '{type}' frame");
            if (frame.RootElement.GetProperty("type").GetString() == type)
            {
                return frame;
            }

            frame.Dispose();
        }
    }

    /// <summary>A sample on <paramref name="topic"/>, as the live sampler publishes it.</summary>
    public static StreamMessage Sample(string topic, int sent) =>
        new(0, topic, "sample", DateTime.UtcNow, 0, Encoding.UTF8.GetBytes($"{{\"topic\":\"{topic}\",\"type\":\"sample\",\"sent\":{sent}}}"));
}
