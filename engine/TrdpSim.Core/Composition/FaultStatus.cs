namespace TrdpSim.Composition;

/// <summary>An active fault as <see cref="RunControl.ListFaults"/> reports it.</summary>
/// <param name="Name">Its name (repair it by this name).</param>
/// <param name="Kind">The kind as written in plans (<c>loss</c>, <c>delay</c> …).</param>
/// <param name="Target">The target selector as written (<c>device/telegram comId N</c>).</param>
/// <param name="Intensity">Current intensity, 0…1 (ramping up, settling, or as planned).</param>
/// <param name="Strikes">Frames, sessions or cycles it has changed so far.</param>
/// <param name="TargetCount">Telegrams, callers or repliers it is attached to.</param>
public readonly record struct FaultStatus(string Name, string Kind, string Target, double Intensity, long Strikes, int TargetCount);
