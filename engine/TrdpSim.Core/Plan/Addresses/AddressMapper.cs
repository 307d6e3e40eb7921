namespace TrdpSim.Plan.Addresses;

/// <summary>Rewrites every address of a plan through its <see cref="RunPlan.AddressMap"/>, once.</summary>
/// <remarks>
/// Each address is rewritten by the most specific rule that covers it (longest prefix; a single address
/// beats a network), never twice. Two rules for the same address or network that disagree are an error
/// naming both places, and so is a rule that turns a host into a multicast group or back (the item
/// would change meaning). Set-up time only.
/// </remarks>
public static class AddressMapper
{
    /// <summary>Rewrites <paramref name="plan"/>'s addresses; returns the problems (the plan is left as it
    /// was when there are any). A second call does nothing.</summary>
    public static IReadOnlyList<PlanError> Apply(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<PlanError>();
        AddressMapPlan map = plan.AddressMap;
        if (map.Applied)
        {
            return errors;
        }

        List<AddressMapRule> rules = Distinct(map.Rules, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        var rewrites = new List<(AddressUse Use, uint To)>();
        foreach (AddressUse use in PlanAddresses.All(plan))
        {
            AddressMapRule? rule = Find(rules, use.Address);
            if (rule is null)
            {
                continue;
            }

            uint to = rule.Map(use.Address);
            if (AddressParser.IsMulticast(to) != AddressParser.IsMulticast(use.Address))
            {
                string was = AddressParser.IsMulticast(use.Address) ? "multicast group" : "host address";
                errors.Add(new PlanError(rule.Origin,
                    $"address map '{rule}' turns the {was} {AddressParser.Format(use.Address)} of {use.Describe()}{At(use.Origin)} into {AddressParser.Format(to)}: a group must stay a group and a host a host"));
                continue;
            }

            rewrites.Add((use, to));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        foreach ((AddressUse use, uint to) in rewrites)
        {
            use.Set(to);
        }

        map.Applied = true;
        return errors;
    }

    /// <summary>The address <paramref name="address"/> becomes under <paramref name="plan"/>'s rules (itself when none matches).</summary>
    public static uint Map(RunPlan plan, uint address)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Find(plan.AddressMap.Rules, address)?.Map(address) ?? address;
    }

    /// <summary>The rules with exact repeats removed; a network given twice with two targets is an error.</summary>
    private static List<AddressMapRule> Distinct(List<AddressMapRule> rules, List<PlanError> errors)
    {
        var kept = new List<AddressMapRule>(rules.Count);
        foreach (AddressMapRule rule in rules)
        {
            AddressMapRule? same = kept.Find(r => r.From == rule.From && r.PrefixLength == rule.PrefixLength);
            if (same is null)
            {
                kept.Add(rule);
            }
            else if (same.To != rule.To)
            {
                errors.Add(new PlanError(rule.Origin,
                    $"address map '{rule}' contradicts '{same}' (at {same.Origin}): {rule.FromText} cannot go to two places"));
            }
        }

        return kept;
    }

    private static string At(SourceLocation origin) => origin.File.Length == 0 ? string.Empty : $" ({origin})";

    private static AddressMapRule? Find(List<AddressMapRule> rules, uint address)
    {
        AddressMapRule? best = null;
        foreach (AddressMapRule rule in rules)
        {
            if (rule.Matches(address) && (best is null || rule.PrefixLength > best.PrefixLength))
            {
                best = rule;
            }
        }

        return best;
    }
}
