using Jint;
using Jint.Native;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;

namespace TrdpSim.Scenarios;

/// <summary><c>plan.threshold(metric, rules)</c>: adds pass/fail rules to the plan (API v1).</summary>
/// <remarks>
/// <c>rules</c> is a rule string (<c>"rate &lt; 0.01"</c>), an options object
/// (<c>{ rule, over, for, abortOnFail, grace }</c>) or an array of either. Text is parsed with the same
/// <see cref="ThresholdSyntax"/> as the TOML <c>[[threshold]]</c> tables; a bad selector, rule or option is a
/// JS <c>Error</c> reported at the call. Whether the options fit the metric is the plan validator's rule.
/// </remarks>
internal static class ThresholdApi
{
    private static readonly string[] RuleKeys = ["rule", "over", "for", "abortOnFail", "grace"];

    /// <summary>Adds the <c>threshold</c> function to the plan builder object.</summary>
    public static void Register(JsObject planObject, ScenarioContext context, RunPlan plan) =>
        PlanBuilderApi.Add(planObject, "threshold", args =>
        {
            Add(context, plan, PlanBuilderApi.Arg(args, 0), PlanBuilderApi.Arg(args, 1));
            return JsValue.Undefined;
        });

    private static void Add(ScenarioContext context, RunPlan plan, JsValue metric, JsValue rules)
    {
        if (!metric.IsString() || metric.AsString().Length == 0)
        {
            throw context.Fail("plan.threshold() expects a metric selector string first, e.g. \"pd_loss_ratio{comId=1000}\"");
        }

        if (rules is JsArray array)
        {
            if (array.Length == 0)
            {
                throw context.Fail("plan.threshold(): the rule list is empty");
            }

            for (uint i = 0; i < array.Length; i++)
            {
                AddOne(context, plan, metric.AsString(), array.Get(i));
            }
        }
        else
        {
            AddOne(context, plan, metric.AsString(), rules);
        }
    }

    private static void AddOne(ScenarioContext context, RunPlan plan, string metric, JsValue rule)
    {
        string text;
        OptionReader? options = null;
        if (rule.IsString())
        {
            text = rule.AsString();
        }
        else if (rule.IsObject())
        {
            options = new OptionReader(context, rule, "a threshold rule", RuleKeys);
            text = options.RequiredString("rule");
        }
        else
        {
            throw context.Fail("plan.threshold() expects a rule string such as \"p(99) < 2ms\", an options object { rule, over, for, abortOnFail, grace } or an array of them");
        }

        if (!ThresholdSyntax.TryParse(metric, text, out ThresholdPlan threshold, out ThresholdSyntaxError error))
        {
            string where = error.InMetric ? $"metric '{metric}'" : $"rule '{text}'";
            throw context.Fail($"plan.threshold(): {where} at character {error.Offset + 1}: {error.Message}");
        }

        threshold.Origin = context.CallSite();
        if (options is not null)
        {
            threshold.Over = options.OptionalDuration("over");
            threshold.For = options.OptionalDuration("for");
            threshold.Grace = options.Duration("grace", TimeSpan.Zero);
            if (options.Raw("abortOnFail") is { } abort)
            {
                threshold.AbortOnFail = abort.IsBoolean() ? abort.AsBoolean() : throw options.Bad("abortOnFail", "must be true or false");
            }

            options.Record(threshold, threshold.Origin);
        }

        plan.Thresholds.Add(threshold);
    }
}
