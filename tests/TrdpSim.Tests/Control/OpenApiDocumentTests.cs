using System.Text;
using System.Text.Json;
using TrdpSim.Control.Endpoints;
using static TrdpSim.Tests.Control.ControlServerHarness;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Control;

/// <summary><c>/openapi/v1.json</c> is the document generated from the endpoints (kept in
/// <c>engine/TrdpSim.Core/Control/openapi-v1.json</c>, since the generator does not run under NativeAOT) and
/// describes every route the app serves, with its method, and no route it does not.</summary>
public sealed class OpenApiDocumentTests
{
    private const string UpdateVariable = "TRDPSIM_UPDATE_OPENAPI";

    [Fact]
    public async Task TheServedDocumentIsTheOneGeneratedFromTheEndpoints()
    {
        await using var h = await StartAsync(liveOpenApi: true);
        using var live = await h.Anonymous.GetAsync("/openapi/live/v1.json");
        Assert.Equal(200, (int)live.StatusCode);
        var generated = Indented(await live.Content.ReadAsStringAsync());
        var served = Encoding.UTF8.GetString(OpenApiEndpoints.Served());
        if (generated == served)
        {
            return;
        }

        var file = Path.Combine(RepositoryRoot.Require(), "engine", "TrdpSim.Core", "Control", "openapi-v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, generated);
            return;
        }

        Assert.Fail($"{file} is not the document generated from the endpoints: run the test with {UpdateVariable}=1 to write it, then rebuild");
    }

    [Fact]
    public async Task TheDocumentNamesEveryRouteAndMethodOfTheApp()
    {
        await using var h = await StartAsync();
        var (status, document) = await ReadAsync(h.Anonymous.GetAsync("/openapi/v1.json"));
        Assert.Equal(200, status);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);

        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Name != "parameters")
                {
                    documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        var served = new SortedSet<string>(h.Server.Routes().Where(r => !r.StartsWith("GET /openapi/", StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.True(served.SetEquals(documented),
            $"served, not documented: {string.Join(", ", served.Except(documented))}; documented, not served: {string.Join(", ", documented.Except(served))}");
        Assert.Contains("POST /api/runs", served);
        Assert.Contains("DELETE /api/runs/{id}/faults/{name}", served);
        Assert.Contains("PUT /api/runs/{id}/telegrams/{telegram}/fields/{field}", served);
        Assert.Contains("GET /api/store/runs/compare", served);
    }

    private static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
