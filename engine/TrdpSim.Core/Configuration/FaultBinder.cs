using System.Globalization;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Configuration;

/// <summary>Binds the <c>[[fault]]</c> tables into <see cref="RunPlan.Faults"/> (keys and words shared with
/// the scenario API through <see cref="FaultOptionReader"/>; the limits are the validator's).</summary>
internal static class FaultBinder
{
    public static void Bind(List<TomlTableNode> tables, RunPlan plan, PlanErrorSink errors)
    {
        foreach (var table in tables)
        {
            var keys = new KeyPositions();
            var reader = new TomlTableReader(table, "[[fault]]", errors, keys);
            var source = new TomlFaultSource(reader);
            var index = plan.Faults.Count + 1;
            var fault = FaultOptionReader.Read(source, table.Origin,
                kind => FaultKinds.Name(kind) + "-" + index.ToString(CultureInfo.InvariantCulture));
            foreach (var key in FaultKinds.AllKeys())
            {
                reader.Take(key);
            }

            reader.ReportUnknownKeys();
            if (fault is not null)
            {
                fault.Keys.CopyFrom(keys);
                plan.Faults.Add(fault);
            }
        }
    }

    /// <summary>A <c>[[fault]]</c> table as an option source: errors at the value's <c>line:col</c>.</summary>
    private sealed class TomlFaultSource(TomlTableReader reader) : IFaultOptionSource
    {
        public IEnumerable<string> Keys
        {
            get
            {
                foreach (var entry in reader.Table.Entries)
                {
                    yield return entry.Key;
                }
            }
        }

        public bool TryText(string key, out string value) => reader.TryString(key, out value, out _);

        public bool TryNumber(string key, out double value) => reader.TryNumber(key, out value, out _);

        public bool TryInteger(string key, long min, long max, out long value) => reader.TryInteger(key, min, max, out value, out _);

        public bool TryDuration(string key, out TimeSpan value) => reader.TryDuration(key, false, out value, out _);

        public void Error(string? key, string message)
        {
            if (key is not null && reader.Table.Find(key) is { } entry)
            {
                reader.Error(key, entry.ValueOrigin, message);
            }
            else
            {
                reader.Errors.Add(reader.Origin, message);
            }
        }
    }
}
