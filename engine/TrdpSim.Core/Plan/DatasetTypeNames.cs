namespace TrdpSim.Plan;

/// <summary>The TRDP element type names a dataset may use (trdp-wire.md §9.1), shared by the front ends
/// (spelling) and the plan validator (what is known).</summary>
public static class DatasetTypeNames
{
    /// <summary>Ids 1…30 are type codes (<c>TRDP_TYPE_MAX</c>); a nested dataset needs an id above.</summary>
    public const uint MaxTypeCode = 30;

    private static readonly string[] Names =
    [
        "BOOL8", "BITSET8", "ANTIVALENT8", "CHAR8", "UTF8", "UTF16",
        "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
        "REAL32", "REAL64", "TIMEDATE32", "TIMEDATE48", "TIMEDATE64",
    ];

    /// <summary>The canonical (upper-case) spelling of <paramref name="name"/>, matched case-insensitively.</summary>
    public static bool TryCanonical(string name, out string canonical)
    {
        foreach (string known in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                canonical = known;
                return true;
            }
        }

        canonical = string.Empty;
        return false;
    }

    /// <summary>All names, comma separated, for error messages.</summary>
    public static string List => string.Join(", ", Names);
}
