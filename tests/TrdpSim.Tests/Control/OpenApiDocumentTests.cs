using System.Text.Json;
using static TrdpSim.Tests.Control.ControlServerHarness;

namespace TrdpSim.Tests.Control;

/// <summary><c>/openapi/v1.json</c> describes every route the app serves, with its method, and no route it does not.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_names_every_route_and_method_of_the_app()
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

        var served = new SortedSet<string>(h.Server.Routes().Where(r => !r.EndsWith("/openapi/{documentName}.json", StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.True(served.SetEquals(documented),
            $"served, not documented: {string.Join(", ", served.Except(documented))}; documented, not served: {string.Join(", ", documented.Except(served))}");
        Assert.Contains("POST /api/runs", served);
        Assert.Contains("DELETE /api/runs/{id}/faults/{name}", served);
        Assert.Contains("PUT /api/runs/{id}/telegrams/{telegram}/fields/{field}", served);
    }
}
