namespace TrdpSim.Scenarios.Runtime;

/// <summary>Matches live telegram instance names (<c>name</c> or <c>name#i</c>) against a plan name.</summary>
internal static class TelegramNames
{
    /// <summary>True when <paramref name="instance"/> is <paramref name="planName"/> or one of its
    /// numbered instances; a null plan name matches every telegram.</summary>
    public static bool Matches(string instance, string? planName)
    {
        if (planName is null || instance == planName)
        {
            return true;
        }

        return instance.Length > planName.Length + 1
            && instance.StartsWith(planName, StringComparison.Ordinal)
            && instance[planName.Length] == '#';
    }
}
