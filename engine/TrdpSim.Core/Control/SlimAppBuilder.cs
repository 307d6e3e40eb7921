namespace TrdpSim.Control;

/// <summary>The builder of the Kestrel apps trdpsim serves — the daemon's <see cref="ControlServer"/> and the
/// <see cref="MetricsServer"/> of <c>trdpsim run</c>: <c>WebApplication.CreateSlimBuilder</c> without reloading
/// configuration files on change.</summary>
/// <remarks>By default the builder reads <c>appsettings.json</c> from the working directory and watches it (and the
/// environment's variant) for changes: a <c>FileSystemWatcher</c> on the working directory and everything under it,
/// which adds an entry for every directory other processes create there — growth over a daemon's days for a file
/// trdpsim does not use. The documented host setting <c>hostBuilder:reloadConfigOnChange=false</c>, passed as the
/// builder's argument, keeps the files read once at start and creates no watcher.</remarks>
internal static class SlimAppBuilder
{
    /// <summary>The host setting, as a command-line argument of the builder.</summary>
    public const string NoReloadOnChange = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder Create() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoReloadOnChange] });
}
