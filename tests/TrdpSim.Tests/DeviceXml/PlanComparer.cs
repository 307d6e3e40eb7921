using System.Collections;
using System.Reflection;
using TrdpSim.Plan;

namespace TrdpSim.Tests.DeviceXml;

/// <summary>Compares two plans property by property (public instance properties, lists element by element),
/// leaving out where items were written (<c>Origin</c>, <c>SourcePath</c>): a plan read from XML and the same
/// plan read back from TOML differ only there.</summary>
internal static class PlanComparer
{
    private static readonly HashSet<string> Skipped = ["Origin", "SourcePath", "Keys"];

    /// <summary>Every difference as <c>path: a ≠ b</c>; empty when the plans are the same.</summary>
    public static List<string> Differences(RunPlan a, RunPlan b)
    {
        var differences = new List<string>();
        Compare("plan", a, b, differences, 0);
        return differences;
    }

    private static void Compare(string path, object? a, object? b, List<string> differences, int depth)
    {
        if (depth > 12)
        {
            throw new InvalidOperationException("plan graph too deep at " + path);
        }

        if (a is null || b is null)
        {
            if (!(a is null && b is null))
            {
                differences.Add($"{path}: {a ?? "null"} ≠ {b ?? "null"}");
            }

            return;
        }

        Type type = a.GetType();
        if (type != b.GetType())
        {
            differences.Add($"{path}: type {type.Name} ≠ {b.GetType().Name}");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || a is string or TimeSpan or decimal)
        {
            if (!a.Equals(b))
            {
                differences.Add($"{path}: {a} ≠ {b}");
            }

            return;
        }

        if (Nullable.GetUnderlyingType(type) is not null)
        {
            if (!a.Equals(b))
            {
                differences.Add($"{path}: {a} ≠ {b}");
            }

            return;
        }

        if (a is IList listA && b is IList listB)
        {
            if (listA.Count != listB.Count)
            {
                differences.Add($"{path}: {listA.Count} items ≠ {listB.Count}");
                return;
            }

            for (int i = 0; i < listA.Count; i++)
            {
                Compare($"{path}[{i}]", listA[i], listB[i], differences, depth + 1);
            }

            return;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Skipped.Contains(property.Name) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            Compare(path + "." + property.Name, property.GetValue(a), property.GetValue(b), differences, depth + 1);
        }
    }
}
