namespace TrdpSim.Control.Api;

/// <summary>One installed plugin (<c>GET /api/plugins</c>); an invalid folder has a <c>problem</c>, no manifest fields and no parameters.</summary>
/// <param name="Folder">The plugin's folder in the daemon's plugin directory.</param>
/// <param name="Name">The manifest's name: what <c>POST /api/runs</c> takes in <c>files</c> to play the pack.</param>
/// <param name="Version">The plugin's semantic version.</param>
/// <param name="ApiVersion">The scenario API version it is written for.</param>
/// <param name="Description">One line saying what the scenario tests.</param>
/// <param name="Problem">The first manifest error (<c>file:line:col: error: …</c>), or null.</param>
/// <param name="Parameters">The manifest's <c>[[parameter]]</c> entries in manifest order: what <c>POST /api/runs</c> takes in <c>params</c>.</param>
public sealed record PluginDto(string Folder, string? Name, string? Version, int? ApiVersion, string? Description, string? Problem,
    IReadOnlyList<PluginParameterDto> Parameters);

/// <summary>One parameter a plugin declares (<c>--param name=value</c>, <c>params</c> of <c>POST /api/runs</c>).</summary>
/// <param name="Name">The name <c>params</c> and the script's <c>plan.param</c> use.</param>
/// <param name="Type"><c>number</c>, <c>string</c>, <c>boolean</c> or <c>duration</c>.</param>
/// <param name="Default">The default as a <c>--param</c> text: numbers in invariant form, <c>true</c>/<c>false</c>, durations such as <c>100ms</c>.</param>
/// <param name="Description">What the parameter changes (empty when the manifest says nothing).</param>
public sealed record PluginParameterDto(string Name, string Type, string Default, string Description);

/// <summary><c>POST /api/plugins</c>: what was installed (<c>installed</c>, <c>replaced</c>, <c>already-installed</c>) and where.</summary>
public sealed record PluginInstallResponse(string Name, string Version, int ApiVersion, string Outcome, string Directory, string? PreviousVersion, string Sha256);

/// <summary><c>POST /api/plugins/validate</c>: the pack verified and its plugin validated, without installing it.</summary>
public sealed record PluginValidationResponse(string Name, string Version, int ApiVersion, string Sha256, string Description);
