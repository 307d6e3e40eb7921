using TrdpSim.Plan;
using TrdpSim.Records;
using TrdpSim.Reporting;

namespace TrdpSim.Hosting;

/// <summary>Begins the run store's record of a run this host plays — one path for <c>trdpsim run</c> and the
/// daemon, so both record the same manifest: name, seed, duration, command line and parameters as the caller
/// knows them; the inputs with their contents, the host's facts, the telegram groups and the thresholds as the
/// host has them.</summary>
internal static class HostRecording
{
    /// <summary>Writes the start record and starts the recorder that fills it interval by interval.</summary>
    /// <remarks>Throws what the store throws (<see cref="RunStoreException"/>, I/O, SQLite): the caller decides
    /// whether the run then plays unrecorded and says so in its own words.</remarks>
    public static RunRecorder Begin(RunStore store, RunHost host, DateTime startedUtc, string name, ulong seed, TimeSpan? duration,
        TimeSpan interval, IReadOnlyList<string> commandLine, IReadOnlyList<ParameterValue> parameters, IReadOnlyList<InputFile> inputs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(host);
        var thresholds = new List<string>(host.Thresholds.Count);
        for (int i = 0; i < host.Thresholds.Count; i++)
        {
            thresholds.Add(host.Thresholds.Text(i));
        }

        var start = new RunStart
        {
            Name = name,
            Seed = seed,
            DurationRequested = duration,
            Interval = interval,
            CommandLine = commandLine,
            Parameters = parameters,
            Inputs = inputs,
            InputContents = RunStart.ReadContents(inputs),
            Host = HostDescription.Current(),
            Groups = RunRecorder.Groups(host.Telemetry),
            Thresholds = thresholds,
        };
        RunWriter writer = store.Begin(start, startedUtc);
        return RunRecorder.Start(writer, host.Telemetry, host.RunControl, host.Thresholds, host.StartNanoseconds);
    }
}
