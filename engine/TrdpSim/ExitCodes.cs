using TrdpSim.Reporting;

namespace TrdpSim.Cli;

/// <summary>Process exit codes of <c>trdpsim</c> (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>The run reached its duration (or ended as planned) and nothing went wrong.</summary>
    public const int Ok = 0;

    /// <summary>The run finished (or was aborted by an abort-on-fail threshold) and at least one threshold
    /// failed, or the scenario declared the run failed. Engine errors take precedence (<see cref="RuntimeError"/>).</summary>
    public const int ThresholdsFailed = 1;

    /// <summary>Bad command line or invalid configuration, including a device address this host does not have
    /// or a device port another socket already holds: nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>The run could not start or broke down (a socket failed for another reason, engine errors).</summary>
    public const int RuntimeError = 3;

    /// <summary>Ctrl-C (SIGINT) stopped the run early: 128 + 2, as a shell reports a process killed by it, so a
    /// calling script stops too instead of taking the partial run for a finished one.</summary>
    public const int InterruptedBySigInt = 130;

    /// <summary>SIGTERM stopped the run early: 128 + 15.</summary>
    public const int InterruptedBySigTerm = 143;

    /// <summary>The exit code of a run that played: an interruption first (the figures are partial, whatever they
    /// say), then errors, then failed thresholds.</summary>
    public static int ForRun(RunStopReason stop, bool errors, bool thresholdsPassed) => stop switch
    {
        RunStopReason.InterruptedSigInt => InterruptedBySigInt,
        RunStopReason.InterruptedSigTerm => InterruptedBySigTerm,
        RunStopReason.Error => RuntimeError,
        _ when errors => RuntimeError,
        _ when !thresholdsPassed => ThresholdsFailed,
        _ => Ok,
    };
}
