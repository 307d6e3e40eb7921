using System.Globalization;

namespace TrdpSim.Plan.Validation;

/// <summary>Collects the validator's findings, each at the place it concerns: a key's value, a key itself,
/// or a whole entry. Rules on a key the front end has already reported stay silent (the entry holds a
/// default in its place, and one problem is named once).</summary>
internal sealed class PlanReport
{
    public List<PlanError> Errors { get; } = [];

    public int Count => Errors.Count;

    /// <summary>Whether rules on <paramref name="key"/> may be judged: the front end did not report it.</summary>
    public static bool Judged(PlanEntry entry, string key) => !entry.Keys.IsReported(key);

    public static bool Judged(PlanEntry entry, string key, string other) => Judged(entry, key) && Judged(entry, other);

    public static bool IsProbability(double value) => value >= 0 && value <= 1;

    public void At(SourceLocation at, string message) => Errors.Add(new PlanError(at, message));

    /// <summary>A problem of the entry as a whole, at its origin.</summary>
    public void Entry(PlanEntry entry, string message) => About(entry, entry.Origin, message);

    /// <summary>A problem with the value of <paramref name="key"/>, at that value.</summary>
    public void Value(PlanEntry entry, string key, string message)
    {
        if (Judged(entry, key))
        {
            About(entry, entry.ValueAt(key), message);
        }
    }

    /// <summary>A problem with <paramref name="key"/> being there at all, at the key.</summary>
    public void Key(PlanEntry entry, string key, string message)
    {
        if (Judged(entry, key))
        {
            About(entry, entry.KeyAt(key), message);
        }
    }

    public void Range(PlanEntry entry, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Value(entry, key, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between {min} and {max}, got {value}"));
        }
    }

    public void Positive(PlanEntry entry, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Value(entry, key, $"'{key}' must be positive");
        }
    }

    public void Probability(PlanEntry entry, string key, double value)
    {
        if (!IsProbability(value))
        {
            Value(entry, key, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between 0 and 1, got {value}"));
        }
    }

    /// <summary>A name the source gave must say something (an absent one is the front end's to report).</summary>
    public void NotEmpty(PlanEntry entry, string key, string value)
    {
        if (value.Length == 0 && entry.Given(key))
        {
            Value(entry, key, $"'{key}' must not be empty");
        }
    }

    /// <summary>An entry without a position (built in code) is named in the message instead.</summary>
    private void About(PlanEntry entry, SourceLocation at, string message)
    {
        string? label = string.IsNullOrEmpty(at.File) ? Label(entry) : null;
        At(at, label is null || message.StartsWith(label, StringComparison.Ordinal) ? message : label + ": " + message);
    }

    private static string? Label(PlanEntry entry) => entry switch
    {
        DevicePlan device => $"device '{device.Name}'",
        PublicationPlan publication => $"publication '{publication.Name}'",
        SubscriptionPlan subscription => $"subscription '{subscription.Name}'",
        PullRequestPlan pull => $"pull '{pull.Name}'",
        MdCallerPlan caller => $"md-call '{caller.Name}'",
        MdReplierPlan replier => $"md-reply '{replier.Name}'",
        FieldGeneratorPlan field => $"field '{field.Field}'",
        DatasetPlan dataset => $"dataset {dataset.Id}",
        DatasetElementPlan element => $"element '{element.Name}'",
        PhasePlan phase => $"phase '{phase.Name}'",
        ScenarioPlan scenario => $"scenario '{scenario.Name}'",
        ThresholdPlan threshold => $"threshold '{threshold.Text}'",
        NetworkPlan => "network",
        _ => null,
    };

    /// <summary>Checks an IPv4 address of the plan (0 = not set: judged only when the source wrote it).</summary>
    public void Address(PlanEntry entry, string key, uint address, AddressKind kind)
    {
        if (address == 0)
        {
            if (entry.Given(key))
            {
                Value(entry, key, $"'{key}' must not be 0.0.0.0");
            }

            return;
        }

        bool multicast = AddressParser.IsMulticast(address);
        if (kind == AddressKind.Host && multicast)
        {
            Value(entry, key, $"'{key}' must be a host address, not the multicast group {AddressParser.Format(address)}");
        }
        else if (kind == AddressKind.Group && !multicast)
        {
            Value(entry, key, $"'{key}' must be a multicast group (224.0.0.0/4), not {AddressParser.Format(address)}");
        }
    }

    /// <summary>A URI user part: printable ASCII, at most <see cref="PlanLimits.MaxUriLength"/> characters.</summary>
    public void Uri(PlanEntry entry, string key, string uri)
    {
        foreach (char c in uri)
        {
            if (c < ' ' || c > '~')
            {
                Value(entry, key, $"'{key}' must hold printable ASCII characters only");
                return;
            }
        }

        if (uri.Length > PlanLimits.MaxUriLength)
        {
            Value(entry, key, string.Create(CultureInfo.InvariantCulture, $"'{key}' must be at most {PlanLimits.MaxUriLength} characters, got {uri.Length}"));
        }
    }
}

/// <summary>Which IPv4 addresses a key accepts (0.0.0.0 never, when written).</summary>
internal enum AddressKind
{
    /// <summary>A host address: not a multicast group.</summary>
    Host,

    /// <summary>A multicast group in 224.0.0.0/4.</summary>
    Group,

    /// <summary>A host address or a multicast group.</summary>
    Any,
}
