namespace TrdpSim.Control.Endpoints;

/// <summary><c>GET /openapi/v1.json</c>: the control plane's OpenAPI document, as built into the binary.</summary>
/// <remarks>Microsoft.AspNetCore.OpenApi generates the document from the endpoints, but its generator fails under
/// NativeAOT (500). So a test generates it under JIT and keeps <c>Control/openapi-v1.json</c> equal to it (and its
/// paths equal to the app's routes); the binary serves that file as it is.</remarks>
public static class OpenApiEndpoints
{
    public const string Path = "/openapi/v1.json";

    private const string ResourceName = "TrdpSim.Control.openapi-v1.json";

    private static readonly Lazy<byte[]> Document = new(Load);

    public static IEndpointRouteBuilder MapServedOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, () => Results.Bytes(Document.Value, "application/json;charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    /// <summary>The document as served.</summary>
    public static byte[] Served() => Document.Value;

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the build lost the embedded resource {ResourceName}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
