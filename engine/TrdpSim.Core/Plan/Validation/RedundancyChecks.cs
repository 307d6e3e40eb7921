namespace TrdpSim.Plan.Validation;

/// <summary>Redundancy groups across the plan's devices: <c>takeover-after</c> belongs to a group, is longer than
/// the group's slowest cycle, and its members agree on it.</summary>
internal static class RedundancyChecks
{
    public static void Check(RunPlan plan, PlanReport report)
    {
        var groups = new Dictionary<uint, (TimeSpan Longest, PublicationPlan? Takeover)>();
        foreach (DevicePlan device in plan.Devices)
        {
            foreach (PublicationPlan publication in device.Publications)
            {
                if (publication.RedundancyGroup == 0)
                {
                    if (publication.TakeoverAfter is not null)
                    {
                        report.Key(publication, "takeover-after", $"publication '{publication.Name}': 'takeover-after' needs 'redundancy-group'");
                    }

                    continue;
                }

                groups.TryGetValue(publication.RedundancyGroup, out var group);
                if (publication.Cycle > group.Longest)
                {
                    group.Longest = publication.Cycle;
                }

                if (publication.TakeoverAfter is { } takeover)
                {
                    if (group.Takeover is { TakeoverAfter: { } first } earlier && first != takeover)
                    {
                        report.Value(publication, "takeover-after",
                            $"publication '{publication.Name}': members of redundancy group {publication.RedundancyGroup} disagree on 'takeover-after' " +
                            $"({DurationParser.Format(first)} at {earlier.ValueAt("takeover-after")})");
                    }

                    group.Takeover ??= publication;
                }

                groups[publication.RedundancyGroup] = group;
            }
        }

        foreach (var (id, (longest, publication)) in groups)
        {
            // Shorter than a cycle, a healthy leader would be taken over between two of its own frames.
            if (publication?.TakeoverAfter is { } takeover && takeover != Timeout.InfiniteTimeSpan && takeover <= longest)
            {
                report.Value(publication, "takeover-after",
                    $"publication '{publication.Name}': 'takeover-after' ({DurationParser.Format(takeover)}) must be longer than the slowest cycle " +
                    $"of redundancy group {id} ({DurationParser.Format(longest)}), or \"infinite\"");
            }
        }
    }
}
