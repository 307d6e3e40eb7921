using Microsoft.AspNetCore.Mvc;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Scenarios.Packs;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/plugins</c>: list the daemon's plugins, install a pack (verified exactly as <c>trdpsim plugin
/// install</c>), validate a pack without installing it, delete a plugin no live run uses.</summary>
/// <remarks>The pack is the request body (<c>application/octet-stream</c>); its SHA-256 comes with it as
/// <c>?sha256=</c>, since there is no <c>.sha256</c> file beside an upload.</remarks>
public static class PluginEndpoints
{
    /// <summary>The largest upload: the largest pack <see cref="PackLimits"/> allows.</summary>
    public static long MaxUploadBytes => PackLimits.Default.MaxArchiveBytes;

    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup("/api/plugins").WithTags("plugins");
        plugins.MapGet(string.Empty, (ControlServerOptions options) => TypedResults.Ok(List(options.PluginDirectory)));
        plugins.MapPost(string.Empty, InstallAsync).RequireControlToken().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .Accepts<byte[]>("application/octet-stream").Produces<PluginInstallResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        plugins.MapPost("/validate", ValidateAsync).RequireControlToken().WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .Accepts<byte[]>("application/octet-stream").Produces<PluginValidationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        plugins.MapDelete("/{name}", Delete).RequireControlToken().Produces<ActionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static List<PluginDto> List(string directory)
    {
        var list = new List<PluginDto>();
        foreach (var plugin in PluginDirectory.List(directory))
        {
            list.Add(plugin.Manifest is { } m
                ? new PluginDto(plugin.Folder, m.Name, m.Version, m.ApiVersion, m.Description, null, Parameters(m))
                : new PluginDto(plugin.Folder, null, null, null, null, plugin.Problem, []));
        }

        return list;
    }

    /// <summary>The manifest's parameters as <c>plugin validate</c> and <c>run</c> read them (defaults as <c>--param</c> text).</summary>
    private static List<PluginParameterDto> Parameters(PluginManifest manifest)
    {
        var parameters = new List<PluginParameterDto>(manifest.Parameters.Count);
        foreach (var p in manifest.Parameters)
        {
            parameters.Add(new PluginParameterDto(p.Name, p.Type, p.DefaultText, p.Description));
        }

        return parameters;
    }

    private static async Task<IResult> InstallAsync(HttpRequest request, string? sha256, bool? force, ControlServerOptions options)
    {
        return await WithUploadAsync(request, sha256, (pack, _) =>
        {
            var target = Path.Combine(options.PluginDirectory, pack.Manifest.Name);
            try
            {
                var result = PluginInstaller.Install(pack, options.PluginDirectory, force ?? false);
                var m = pack.Manifest;
                var outcome = result.Outcome switch
                {
                    PluginInstallOutcome.AlreadyInstalled => "already-installed",
                    PluginInstallOutcome.Replaced => "replaced",
                    _ => "installed",
                };
                return TypedResults.Created($"/api/plugins/{m.Name}",
                    new PluginInstallResponse(m.Name, m.Version, m.ApiVersion, outcome, result.Directory, result.PreviousVersion, pack.Sha256));
            }
            catch (PluginPackException e) when (Directory.Exists(target))
            {
                return Problems.Problem(StatusCodes.Status409Conflict, e.Message.Replace("use --force", "add ?force=true", StringComparison.Ordinal));
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Verifies the pack as <c>install</c> would, unpacks it into a temporary folder and validates the plugin there.</summary>
    private static async Task<IResult> ValidateAsync(HttpRequest request, string? sha256)
    {
        return await WithUploadAsync(request, sha256, (pack, temporary) =>
        {
            var directory = PluginInstaller.Install(pack, Path.Combine(temporary, "unpacked"), force: false).Directory;
            // Loaded and validated exactly as 'trdpsim plugin validate' does.
            var result = PluginLoader.Load(directory, new Dictionary<string, string>(), out var manifest).Validated();
            var errors = new List<string>();
            foreach (var error in result.Errors)
            {
                errors.Add(error.ToString().Replace(directory, pack.Manifest.Name, StringComparison.Ordinal));
            }

            if (errors.Count > 0 || manifest is null)
            {
                return Problems.WithErrors(StatusCodes.Status400BadRequest, $"plugin {pack.Manifest.Name} has {errors.Count} error(s)", errors);
            }

            return TypedResults.Ok(new PluginValidationResponse(manifest.Name, manifest.Version, manifest.ApiVersion, pack.Sha256, manifest.Description));
        }).ConfigureAwait(false);
    }

    private static IResult Delete(string name, ControlServerOptions options, RunRegistry registry, HttpContext http)
    {
        if (!PluginNaming.IsValidName(name))
        {
            return Problems.BadRequest($"'{name}' is not a plugin name (lower-case letters, digits and '-')");
        }

        var folder = Path.Combine(options.PluginDirectory, name);
        if (!Directory.Exists(folder))
        {
            return Problems.Problem(StatusCodes.Status404NotFound, $"no plugin '{name}' in {options.PluginDirectory}");
        }

        if (registry.LiveRunUsing(folder) is { } run)
        {
            return Problems.Problem(StatusCodes.Status409Conflict, $"live run {run.Id} plays plugin '{name}'; stop it first");
        }

        Directory.Delete(folder, recursive: true);
        return TypedResults.Ok(new ActionResponse(string.Empty, name, $"plugin '{name}' deleted from {options.PluginDirectory} by {ClientName.Of(http)}", string.Empty));
    }

    /// <summary>Streams the body into a temporary file (at most <see cref="MaxUploadBytes"/>), reads and verifies the
    /// pack, and hands it to <paramref name="use"/>; a refused pack is a 400 naming why.</summary>
    private static async Task<IResult> WithUploadAsync(HttpRequest request, string? sha256, Func<PluginPackContents, string, IResult> use)
    {
        if (sha256 is not { Length: 64 })
        {
            return Problems.BadRequest("'?sha256=' must give the pack's SHA-256 (64 hex digits, the content of its .sha256 file)");
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"trdpsim-upload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            var archive = Path.Combine(temporary, "upload" + PluginPackWriter.Extension);
            await using (var file = File.Create(archive))
            {
                await request.Body.CopyToAsync(file, request.HttpContext.RequestAborted).ConfigureAwait(false);
            }

            PluginPackContents pack;
            try
            {
                pack = PluginPackReader.Read(archive, sha256);
            }
            catch (PluginPackException e)
            {
                return Problems.BadRequest(e.Message.Replace(archive, "the uploaded pack", StringComparison.Ordinal));
            }

            return use(pack, temporary);
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }
}
