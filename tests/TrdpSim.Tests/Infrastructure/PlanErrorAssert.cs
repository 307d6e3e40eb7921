namespace TrdpSim.Tests.Infrastructure;

/// <summary>Assertions on the errors a front end and the plan validator report.</summary>
internal static class PlanErrorAssert
{
    /// <summary>The TOML is refused, and one of its errors contains <paramref name="fragment"/> at exactly
    /// <paramref name="line"/>:<paramref name="column"/> of <c>t.toml</c>.</summary>
    public static PlanLoadResult RefusedAt(string toml, int line, int column, string fragment)
    {
        PlanLoadResult result = TomlPlanLoader.Load(toml, "t.toml").Validated();
        Assert.False(result.Success);
        Assert.Null(result.Plan);
        PlanError? match = result.Errors.FirstOrDefault(error => error.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"no error containing \"{fragment}\" in:\n{result.FormatErrors()}");
        Assert.Equal(new SourceLocation("t.toml", line, column), match.Location);
        return result;
    }
}
