using TrdpSim.Composition;

namespace TrdpSim.Hosting.Daemon;

/// <summary>The answer to a request to start a run: the run, or why there is none.</summary>
/// <param name="Run">The started run; null when it was refused.</param>
/// <param name="Result">Applied; Invalid (a bad plan: <paramref name="Errors"/>), Conflict (an address another live
/// run holds, too many live runs, the daemon going down) or Unavailable (the run could not start).</param>
/// <param name="Errors">Every plan problem, <c>file:line:col: error: …</c>.</param>
public sealed record RunStartResult(ManagedRun? Run, ControlResult Result, IReadOnlyList<string> Errors);
