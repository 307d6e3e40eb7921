using System.Globalization;
using TrdpSim.Devices;
using TrdpSim.Devices.Generators;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Datasets;
using TrdpSim.Telemetry;

namespace TrdpSim.Composition;

/// <summary>Dataset fields: written, held against their generator, released, read.</summary>
/// <remarks>Values are numbers written with the field's wire type as a generator writes them: integers
/// truncated toward zero and wrapped to the field's width, reals as they are; booleans are 1 and 0.</remarks>
public sealed partial class RunControl
{
    /// <summary>Writes a value into a field no generator writes (it stays until changed again), in every
    /// instance of a published telegram.</summary>
    /// <remarks>A field a generator writes every cycle is <see cref="ControlOutcome.Invalid"/>: lock it instead.</remarks>
    public ControlCall SetField(ControlScope scope, string telegram, string field, double value, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!double.IsFinite(value))
        {
            return Refuse(ControlResult.Invalid($"field '{field}': the value must be a finite number"));
        }

        var found = _directory.Publications(telegram, device, out var problem);
        var targets = new List<(Publication Publication, DatasetLayoutField Leaf)>();
        foreach (var (_, publication) in found)
        {
            if (problem is null && FieldOf(publication, field, out problem) is { } leaf)
            {
                if (publication.FindGenerator(field) is not null)
                {
                    problem = ControlResult.Invalid($"field '{field}' of telegram '{publication.Name}' is written by its generator every cycle; lock it to hold a value");
                }

                targets.Add((publication, leaf));
            }
        }

        if (problem is { } refused)
        {
            return Refuse(refused);
        }

        var target = Describe(telegram, device) + "." + field;
        var detail = $"{field} = {Number(value)}";
        return Apply(scope, ControlActionKind.SetField, target, detail, context =>
        {
            var before = targets.ConvertAll(t => t.Publication.Payload.Slice(t.Leaf.Offset, t.Leaf.Size).ToArray());
            context.RememberUndo("as before", (_, _) =>
            {
                for (var i = 0; i < targets.Count; i++)
                {
                    before[i].CopyTo(targets[i].Publication.Payload[targets[i].Leaf.Offset..]);
                }
            });
            foreach (var (publication, leaf) in targets)
            {
                FieldGenerator.WriteValue(publication.Payload[leaf.Offset..], leaf.Type, value);
            }

            return ControlResult.Applied(target, $"{target} set to {Number(value)}");
        });
    }

    /// <summary>Holds a generated field at <paramref name="value"/> (null = the value it has now) in every
    /// instance of a published telegram, until <see cref="UnlockField"/>; the generator keeps advancing
    /// underneath (stuck-at).</summary>
    /// <remarks>A field without generator is <see cref="ControlOutcome.Invalid"/> (use <see cref="SetField"/>);
    /// locking a locked field holds the new value.</remarks>
    public ControlCall LockField(ControlScope scope, string telegram, string field, double? value = null, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (value is { } given && !double.IsFinite(given))
        {
            return Refuse(ControlResult.Invalid($"field '{field}': the value must be a finite number"));
        }

        if (Generators(telegram, field, device, out var generators) is { } refused)
        {
            return Refuse(refused);
        }

        var target = Describe(telegram, device) + "." + field;
        var detail = value is { } v ? $"{field} = {Number(v)}" : $"{field} held at its current value";
        return Apply(scope, ControlActionKind.LockField, target, detail, context =>
        {
            var before = generators.ConvertAll(g => g.Generator.Override);
            context.RememberUndo("as before", (_, _) => Restore(generators, before));
            foreach (var (publication, generator) in generators)
            {
                generator.Override = value ?? FieldReader.ReadReal(publication.Payload[generator.Offset..], generator.Type);
            }

            return ControlResult.Applied(target, $"{target} locked" + (value is { } pinned ? $" at {Number(pinned)}" : " at its current value"));
        });
    }

    /// <summary>Lets the generators of a locked field run again; a field that is not locked anywhere is a
    /// <see cref="ControlOutcome.Conflict"/>.</summary>
    public ControlCall UnlockField(ControlScope scope, string telegram, string field, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (Generators(telegram, field, device, out var generators) is { } refused)
        {
            return Refuse(refused);
        }

        var target = Describe(telegram, device) + "." + field;
        return Apply(scope, ControlActionKind.UnlockField, target, string.Empty, context =>
        {
            var before = generators.ConvertAll(g => g.Generator.Override);
            if (!before.Exists(o => o is not null))
            {
                return ControlResult.Conflict($"field '{field}' of telegram '{telegram}' is not locked", target);
            }

            context.RememberUndo("as before", (_, _) => Restore(generators, before));
            foreach (var (_, generator) in generators)
            {
                generator.Override = null;
            }

            return ControlResult.Applied(target, $"{target} unlocked: its generator runs again");
        });
    }

    /// <summary>Reads a field of every instance of a telegram, decoded with its dataset layout: for a
    /// publication from the payload of its last cycle (read on the wheel thread), for a subscription from the
    /// last data it received (the publishing plan telegram of the same ComId gives the layout).</summary>
    public Task<ControlResult<IReadOnlyList<FieldReading>>> ReadField(string telegram, string field, string? device = null)
    {
        if (_directory.UnknownDevice(device) is { } unknown)
        {
            return Task.FromResult<ControlResult<IReadOnlyList<FieldReading>>>(unknown);
        }

        var publications = new List<(VirtualDevice Device, Publication Publication, DatasetLayoutField Leaf)>();
        var subscriptions = new List<(VirtualDevice Device, Subscription Subscription, DatasetLayoutField Leaf)>();
        ControlResult? problem = null;
        foreach (var (owner, publication) in _directory.Publications(telegram, device, out _))
        {
            if (problem is null && FieldOf(publication, field, out problem) is { } leaf)
            {
                publications.Add((owner, publication, leaf));
            }
        }

        foreach (var (owner, subscription) in _directory.Subscriptions(telegram, device))
        {
            if (problem is not null)
            {
                break;
            }

            if (_directory.Layout(subscription) is not { } layout)
            {
                problem = ControlResult.Invalid($"subscription '{subscription.Name}' on device '{owner.Name}' has no known dataset: no publication of ComId {subscription.ComId} in the plan names one");
            }
            else if (!layout.TryGetField(field, out var leaf))
            {
                problem = ControlResult.NotFound($"telegram '{subscription.Name}' has no field '{field}'");
            }
            else
            {
                subscriptions.Add((owner, subscription, leaf));
            }
        }

        if (problem is null && publications.Count + subscriptions.Count == 0)
        {
            problem = ControlResult.NotFound($"no telegram named '{telegram}'{TelegramDirectory.OnDevice(device)}");
        }

        if (problem is { } refused)
        {
            return Task.FromResult<ControlResult<IReadOnlyList<FieldReading>>>(refused);
        }

        ControlResult<IReadOnlyList<FieldReading>> Read()
        {
            var readings = new List<FieldReading>(publications.Count + subscriptions.Count);
            foreach (var (owner, publication, leaf) in publications)
            {
                var (number, text) = FieldReading.Decode(publication.Payload[leaf.Offset..], leaf.Type);
                var generator = publication.FindGenerator(field);
                readings.Add(new FieldReading(owner.Name, publication.Name, TelegramRole.Publish, field, leaf.Type, true, number, text,
                    generator is not null, generator?.Override is not null));
            }

            var data = subscriptions.Count > 0 ? new byte[PdFrame.MaxDatasetLength] : [];
            foreach (var (owner, subscription, leaf) in subscriptions)
            {
                var length = subscription.CopyData(data);
                var has = length >= leaf.Offset + leaf.Size;
                var (number, text) = has ? FieldReading.Decode(data.AsSpan(leaf.Offset), leaf.Type) : (0, string.Empty);
                readings.Add(new FieldReading(owner.Name, subscription.Name, TelegramRole.Subscribe, field, leaf.Type, has, number, text, false, false));
            }

            return new ControlResult<IReadOnlyList<FieldReading>>(ControlResult.Applied(Describe(telegram, device) + "." + field, $"{readings.Count} readings"), readings);
        }

        // Subscriptions are read consistently from any thread; a publication's payload only on the wheel.
        return publications.Count == 0 ? Task.FromResult(Read()) : Query((_, _) => Read());
    }

    /// <summary>The generator of <paramref name="field"/> in every instance, or why there is none.</summary>
    private ControlResult? Generators(string telegram, string field, string? device, out List<(Publication Publication, FieldGenerator Generator)> generators)
    {
        generators = [];
        var found = _directory.Publications(telegram, device, out var problem);
        foreach (var (_, publication) in found)
        {
            if (problem is not null)
            {
                break;
            }

            if (publication.FindGenerator(field) is { } generator)
            {
                generators.Add((publication, generator));
            }
            else if (_directory.Layout(publication) is { } layout && !layout.TryGetField(field, out _))
            {
                problem = ControlResult.NotFound($"telegram '{publication.Name}' has no generator for field '{field}' (its dataset has no such field)");
            }
            else
            {
                problem = ControlResult.Invalid($"telegram '{publication.Name}' has no generator for field '{field}'");
            }
        }

        return problem;
    }

    /// <summary>The leaf of <paramref name="field"/> in a publication's dataset, or null with the reason.</summary>
    private DatasetLayoutField? FieldOf(Publication publication, string field, out ControlResult? problem)
    {
        problem = null;
        if (_directory.Layout(publication) is not { } layout)
        {
            problem = ControlResult.NotFound($"telegram '{publication.Name}' has no dataset, so no field '{field}'");
            return null;
        }

        if (!layout.TryGetField(field ?? string.Empty, out var leaf))
        {
            problem = ControlResult.NotFound($"telegram '{publication.Name}' has no field '{field}'");
            return null;
        }

        return leaf;
    }

    private static void Restore(List<(Publication Publication, FieldGenerator Generator)> generators, List<double?> overrides)
    {
        for (var i = 0; i < generators.Count; i++)
        {
            generators[i].Generator.Override = overrides[i];
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
