using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Collects errors while a source is read, dropping exact repeats, and sorts them by position.</summary>
internal sealed class PlanErrorSink
{
    private readonly List<PlanError> _errors = [];
    private readonly HashSet<PlanError> _seen = [];

    public int Count => _errors.Count;

    public void Add(SourceLocation at, string message)
    {
        var error = new PlanError(at, message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>The errors sorted by position; errors at the same place keep their order.</summary>
    public IReadOnlyList<PlanError> ToSortedList() => PlanErrorOrder.Sort(_errors);
}
