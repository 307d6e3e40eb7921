using TrdpSim.Faults;
using TrdpSim.Scheduling;

namespace TrdpSim.Composition;

/// <summary>The inverse of every change made through one <see cref="ControlScope"/>, and the faults it
/// injected, so that <see cref="RunControl.Undo"/> can put the run back as it was.</summary>
/// <remarks>Wheel thread only: entries are recorded when a change is applied and taken back there.</remarks>
public sealed class ControlJournal
{
    private readonly List<Entry> _entries = [];
    private readonly List<InjectedFault> _injected = [];

    /// <summary>Changes remembered and not yet taken back.</summary>
    public int Count => _entries.Count;

    /// <summary>Faults injected through the scope (still attached or not); they belong to its owner.</summary>
    public IReadOnlyList<InjectedFault> Injected => _injected;

    internal void Record(ControlActionKind action, string target, string detail, Action<TimingWheel, long> undo) =>
        _entries.Add(new Entry(action, target, detail, undo));

    internal void RecordInjected(InjectedFault fault) => _injected.Add(fault);

    /// <summary>Takes the entries out, newest first, and forgets the injected faults.</summary>
    internal List<Entry> TakeAll()
    {
        var taken = new List<Entry>(_entries.Count);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            taken.Add(_entries[i]);
        }

        _entries.Clear();
        return taken;
    }

    internal List<InjectedFault> TakeInjected()
    {
        var taken = new List<InjectedFault>(_injected);
        _injected.Clear();
        return taken;
    }

    internal readonly record struct Entry(ControlActionKind Action, string Target, string Detail, Action<TimingWheel, long> Undo);
}
