namespace TrdpSim.Plan;

/// <summary>A dataset definition as the user wrote it (TCNopen <c>data-set</c>).</summary>
/// <remarks>Element types stay names here (<c>"UINT16"</c>, or a nested dataset id as text); the plan
/// validator checks them and the Protocol part resolves them into layouts.</remarks>
public sealed class DatasetPlan : PlanEntry
{
    public uint Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public List<DatasetElementPlan> Elements { get; } = [];
}

/// <summary>One element of a dataset: a scalar, a fixed array (n &gt; 1) or a variable array (0).</summary>
public sealed class DatasetElementPlan : PlanEntry
{
    public string Name { get; set; } = string.Empty;

    /// <summary>TRDP type name (BOOL8 … TIMEDATE64) or the id of a nested dataset.</summary>
    public string Type { get; set; } = "UINT8";

    /// <summary>1 = scalar (default), n = fixed array, 0 = variable (count from the previous element).</summary>
    public int ArraySize { get; set; } = 1;
}
