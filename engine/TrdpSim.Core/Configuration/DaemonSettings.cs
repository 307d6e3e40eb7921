namespace TrdpSim.Configuration;

/// <summary>The <c>[daemon]</c> section of a daemon config (<c>trdpsim serve --config daemon.toml</c>); every
/// setting has a default, and the command line's <c>--urls</c> wins over <see cref="Urls"/>.</summary>
public sealed record DaemonSettings
{
    /// <summary>Where to listen: <c>http://ip:port</c>, several separated by commas. Null = the default (loopback).</summary>
    public string? Urls { get; init; }

    /// <summary>The bearer token (prefer <c>$TRDPSIM_TOKEN</c> or a generated one: a token in a file that others can read is no secret).</summary>
    public string? Token { get; init; }

    /// <summary>Where a generated token is written (mode 0600) and where <c>trdpsim ctl</c> reads it.</summary>
    public string? TokenFile { get; init; }

    /// <summary>The daemon's plugin directory (else <c>$TRDPSIM_PLUGINS</c>, else the default).</summary>
    public string? PluginDirectory { get; init; }

    /// <summary>The run store's folder for the daemon's runs (else the default of <c>trdpsim run</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Runs live at once. Default 8.</summary>
    public int MaxLiveRuns { get; init; } = 8;

    /// <summary>Ended runs kept with their summary. Default 32.</summary>
    public int MaxFinishedRuns { get; init; } = 32;

    /// <summary>How long an ended run is kept. Default 1 h.</summary>
    public TimeSpan FinishedRetention { get; init; } = TimeSpan.FromHours(1);
}
