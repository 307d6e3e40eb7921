using System.Runtime.CompilerServices;

namespace TrdpSim.Composition;

/// <summary>A control change on its way: refused at the call (a wrong name, a bad value, a full queue), or
/// accepted and posted to the wheel thread, where it is applied between two ticks.</summary>
/// <remarks>Await it (or <see cref="Completion"/>) for the outcome once the wheel thread has applied it; the
/// continuation never runs on the wheel thread. A caller that must tell "wrong at the call" from "refused
/// later by the run's state" (a script raising an error at its call) reads <see cref="Refusal"/> first.</remarks>
public readonly struct ControlCall
{
    private readonly Task<ControlResult>? _completion;

    internal ControlCall(Task<ControlResult> completion, bool accepted)
    {
        _completion = completion;
        Accepted = accepted;
    }

    /// <summary>A call refused before anything was posted.</summary>
    public static ControlCall Refused(ControlResult result) => new(Task.FromResult(result), accepted: false);

    /// <summary>Whether the change was posted to the wheel thread (names and values were right).</summary>
    public bool Accepted { get; }

    /// <summary>Why the call was refused at once; null when it was accepted.</summary>
    public ControlResult? Refusal => Accepted || _completion is null ? null : _completion.Result;

    /// <summary>Completes when the wheel thread has applied (or refused) the change.</summary>
    public Task<ControlResult> Completion => _completion ?? Task.FromResult(ControlResult.Unavailable("no call was made"));

    public TaskAwaiter<ControlResult> GetAwaiter() => Completion.GetAwaiter();
}
