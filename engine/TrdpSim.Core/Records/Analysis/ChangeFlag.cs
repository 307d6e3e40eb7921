namespace TrdpSim.Records.Analysis;

/// <summary>How a run's figure stands against another run's (or its baseline's).</summary>
internal enum ChangeFlag
{
    /// <summary>Within noise, or better.</summary>
    Normal,

    /// <summary>Worse beyond noise by at least <see cref="ComparisonRules.WarningChange"/>, or changed beyond
    /// noise where no direction is worse (rates).</summary>
    Warning,

    /// <summary>Worse beyond noise by at least <see cref="ComparisonRules.CriticalChange"/>.</summary>
    Critical,
}

/// <summary>The rules that turn a difference into a <see cref="ChangeFlag"/> (documented in the README).</summary>
internal static class ComparisonRules
{
    /// <summary>A difference is beyond noise when the Mann-Whitney p-value is below this …</summary>
    public const double Significance = 0.01;

    /// <summary>… and the medians differ by at least this fraction (and by the metric's floor).</summary>
    public const double WarningChange = 0.10;

    /// <summary>A worse difference beyond noise of at least this fraction is critical.</summary>
    public const double CriticalChange = 0.50;

    public static string Label(ChangeFlag flag) => flag switch
    {
        ChangeFlag.Critical => "critical",
        ChangeFlag.Warning => "warning",
        _ => "normal",
    };
}
