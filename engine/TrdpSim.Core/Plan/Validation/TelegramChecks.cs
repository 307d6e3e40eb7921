using System.Globalization;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>Rules every kind of telegram shares (publications, subscriptions, pulls, MD callers and
/// repliers): unique names per device and kind, ComId ranges, the payload and its field generators.</summary>
internal static class TelegramChecks
{
    /// <summary>A telegram's name: not empty when given, and unique among the device's telegrams of one kind.</summary>
    public static void Name(PlanEntry entry, string name, string kind, Dictionary<string, SourceLocation> names, PlanReport report)
    {
        report.NotEmpty(entry, "name", name);
        if (name.Length == 0 || !PlanReport.Judged(entry, "name") || names.TryAdd(name, entry.Origin))
        {
            return;
        }

        // A defaulted name collides when two telegrams share a ComId: say how to tell them apart.
        string hint = entry.Given("name") ? string.Empty : " (set 'name' to tell them apart)";
        report.Value(entry, "name", $"duplicate {kind} name '{name}' on this device (first at {names[name]}){hint}");
    }

    /// <summary><c>count</c> instances from <c>com-id</c> by <c>com-id-step</c>, all within 32 bits.</summary>
    public static void ComIds(PlanEntry entry, uint comId, int count, uint step, PlanReport report)
    {
        report.Range(entry, "count", count, 1, PlanLimits.MaxCount);
        report.Range(entry, "com-id-step", step, 1, uint.MaxValue);
        if (count is < 1 or > PlanLimits.MaxCount || step < 1 || !PlanReport.Judged(entry, "com-id") || !PlanReport.Judged(entry, "count", "com-id-step"))
        {
            return;
        }

        ulong last = comId + ((ulong)(count - 1) * step);
        if (last > uint.MaxValue)
        {
            report.Entry(entry, string.Create(CultureInfo.InvariantCulture, $"com-id {comId} + {count - 1} × {step} passes 4294967295"));
        }
    }

    /// <summary>The payload: a defined dataset that fits the frame, or raw bytes, not both; returns the
    /// dataset's layout when it has one.</summary>
    /// <param name="entry">The telegram.</param>
    /// <param name="owner">How messages name it (<c>publication 'speed'</c>).</param>
    /// <param name="datasetId">Its dataset, if any.</param>
    /// <param name="payloadLength">Its raw payload length.</param>
    /// <param name="maxPayload">The frame's limit.</param>
    /// <param name="limit">The limit's name in messages (PD, MD).</param>
    /// <param name="datasets">The plan's datasets.</param>
    /// <param name="report">Where problems go.</param>
    public static DatasetLayout? Payload(PlanEntry entry, string owner, uint? datasetId, int payloadLength, int maxPayload, string limit,
        DatasetIndex datasets, PlanReport report)
    {
        report.Range(entry, "payload-length", payloadLength, 0, maxPayload);
        if (entry.Given("payload-length") && (datasetId is not null || entry.Given("dataset")))
        {
            report.Value(entry, "payload-length", "give either 'dataset' or 'payload-length', not both");
        }

        if (datasetId is not { } id || !PlanReport.Judged(entry, "dataset"))
        {
            return null;
        }

        if (id == 0)
        {
            report.Range(entry, "dataset", id, 1, uint.MaxValue);
            return null;
        }

        if (datasets.Find(id) is null)
        {
            report.Value(entry, "dataset", $"'dataset' {id} is not defined by any dataset");
            return null;
        }

        DatasetLayout? layout = datasets.Layout(entry, id);
        if (layout is not null && layout.Size > maxPayload)
        {
            report.Value(entry, "dataset", $"{owner}: payload of {layout.Size} bytes exceeds the {limit} limit of {maxPayload}");
        }

        return layout;
    }

    /// <summary>The field generators of a telegram: they need a dataset, each field has at most one, and
    /// each generator's own rules hold.</summary>
    /// <param name="owner">The telegram.</param>
    /// <param name="datasetId">Its dataset, if any.</param>
    /// <param name="fields">Its generators.</param>
    /// <param name="layout">The dataset's layout, when it has a valid one.</param>
    /// <param name="what">How the message about a missing dataset names the telegram ("publication", "MD call").</param>
    /// <param name="datasets">The plan's datasets.</param>
    /// <param name="report">Where problems go.</param>
    public static void Fields(PlanEntry owner, uint? datasetId, List<FieldGeneratorPlan> fields, DatasetLayout? layout, string what,
        DatasetIndex datasets, PlanReport report)
    {
        if (fields.Count == 0)
        {
            return;
        }

        if (datasetId is null && PlanReport.Judged(owner, "dataset"))
        {
            report.Entry(fields[0], $"fields need a dataset: a raw 'payload-length' {what} sends zero bytes (set 'dataset')");
        }

        DatasetPlan? dataset = datasetId is { } id ? datasets.Find(id) : null;
        for (int i = 0; i < fields.Count; i++)
        {
            FieldGeneratorPlan field = fields[i];
            FieldGeneratorChecks.Check(field, dataset, layout, report);
            for (int j = 0; j < i; j++)
            {
                if (field.Field.Length > 0 && fields[j].Field == field.Field)
                {
                    report.Value(field, "field", $"field '{field.Field}' already has a generator (at {fields[j].Origin})");
                    break;
                }
            }
        }
    }
}
