using System.Runtime.InteropServices;
using TrdpSim.Reporting;

namespace TrdpSim.Cli.Commands;

/// <summary>SIGINT (Ctrl-C) and SIGTERM while a run plays: the first one ends the run the way its duration
/// would — end hooks run, the summary is printed — and is remembered as the stop reason; a second one
/// terminates the process at once (end hooks that hang must not trap the user).</summary>
internal sealed class RunInterrupts : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _first; // RunStopReason + 1; 0 until a signal came

    public RunInterrupts()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, RunStopReason.InterruptedSigInt));
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, RunStopReason.InterruptedSigTerm));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal's stop reason, or null while none came.</summary>
    public RunStopReason? Reason
    {
        get
        {
            int first = Volatile.Read(ref _first);
            return first == 0 ? null : (RunStopReason)(first - 1);
        }
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context, RunStopReason reason)
    {
        // The first signal is ours to handle (no default termination); a later one takes the default.
        context.Cancel = Interlocked.CompareExchange(ref _first, (int)reason + 1, 0) == 0;
        _stop.Cancel();
    }
}
