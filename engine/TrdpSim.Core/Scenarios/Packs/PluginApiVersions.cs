namespace TrdpSim.Scenarios.Packs;

/// <summary>Which scenario API versions (a manifest's <c>api-version</c>) this engine runs.</summary>
/// <remarks>API versions only ever add to the API, so every version from <see cref="Minimum"/> up to
/// <see cref="Current"/> runs unchanged. A plugin written for a newer API may call functions this engine
/// does not have, so it is refused up front rather than failing half-way through its script.
/// <see cref="Minimum"/> rises only when an old API is dropped.</remarks>
internal static class PluginApiVersions
{
    /// <summary>The newest API this engine provides (<c>plan.apiVersion</c>).</summary>
    public const int Current = PlanBuilderApi.ApiVersion;

    /// <summary>The oldest API this engine still runs.</summary>
    public const int Minimum = 1;

    /// <summary>Null when <paramref name="version"/> is supported, else a message naming both the
    /// plugin's version and the range the engine supports.</summary>
    public static string? Check(long version)
    {
        string supported = Minimum == Current ? $"{Current}" : $"{Minimum} to {Current}";
        if (version > Current)
        {
            return $"api-version {version} is newer than this trdpsim supports (scenario API {supported}): update trdpsim to run this plugin";
        }

        if (version < Minimum)
        {
            return $"api-version {version} is older than this trdpsim still supports (scenario API {supported}): the plugin must be updated";
        }

        return null;
    }
}
