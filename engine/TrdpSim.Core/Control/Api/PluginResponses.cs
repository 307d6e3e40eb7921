namespace TrdpSim.Control.Api;

/// <summary>One installed plugin (<c>GET /api/plugins</c>); an invalid folder has a <c>problem</c> and no manifest fields.</summary>
public sealed record PluginDto(string Folder, string? Name, string? Version, int? ApiVersion, string? Description, string? Problem);

/// <summary><c>POST /api/plugins</c>: what was installed (<c>installed</c>, <c>replaced</c>, <c>already-installed</c>) and where.</summary>
public sealed record PluginInstallResponse(string Name, string Version, int ApiVersion, string Outcome, string Directory, string? PreviousVersion, string Sha256);

/// <summary><c>POST /api/plugins/validate</c>: the pack verified and its plugin validated, without installing it.</summary>
public sealed record PluginValidationResponse(string Name, string Version, int ApiVersion, string Sha256, string Description);
