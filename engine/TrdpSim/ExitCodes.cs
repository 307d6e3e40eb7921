namespace TrdpSim.Cli;

/// <summary>Process exit codes of <c>trdpsim</c> (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>The run finished (duration reached or stopped by a signal) and nothing went wrong.</summary>
    public const int Ok = 0;

    /// <summary>The run finished (or was aborted by an abort-on-fail threshold) and at least one threshold
    /// failed, or the scenario declared the run failed. Engine errors take precedence (<see cref="RuntimeError"/>).</summary>
    public const int ThresholdsFailed = 1;

    /// <summary>Bad command line or invalid configuration, including a device address this host does not have
    /// or a device port another socket already holds: nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>The run could not start or broke down (a socket failed for another reason, engine errors).</summary>
    public const int RuntimeError = 3;
}
