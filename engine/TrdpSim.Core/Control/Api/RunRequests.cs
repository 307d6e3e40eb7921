using System.Text.Json;

namespace TrdpSim.Control.Api;

/// <summary><c>POST /api/runs</c>: what <c>trdpsim run</c> takes, as JSON.</summary>
public sealed class StartRunRequest
{
    /// <summary>Plan files on the daemon's host (TOML, JavaScript, plugin folders or installed plugin names); one run.</summary>
    public List<string>? Files { get; init; }

    /// <summary>How long to run (<c>30s</c>, <c>5m</c>); absent = the plan's duration, else until stopped.</summary>
    public string? Duration { get; init; }

    /// <summary>Seed for every generator and fault model; absent = the plan's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Scenario parameters (<c>--param name=value</c>): strings, numbers or booleans.</summary>
    public Dictionary<string, JsonElement>? Params { get; init; }
}

/// <summary><c>POST …/telegrams/{telegram}/cycle</c>: a new cycle, or a rate (one of the two).</summary>
public sealed class CycleRequest
{
    /// <summary>The new cycle (<c>50ms</c>).</summary>
    public string? Cycle { get; init; }

    /// <summary>Or: telegrams per second.</summary>
    public double? Rate { get; init; }
}

/// <summary><c>PUT …/fields/{field}</c> and <c>POST …/fields/{field}/lock</c>: a number (booleans are 1 and 0).</summary>
public sealed class FieldValueRequest
{
    /// <summary>The value; for a lock, absent = hold the value the field has now.</summary>
    public double? Value { get; init; }
}
