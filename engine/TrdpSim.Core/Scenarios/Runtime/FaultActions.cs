using Jint;
using Jint.Native;
using TrdpSim.Faults;
using TrdpSim.Plan.Faults;
using TrdpSim.Scheduling;

namespace TrdpSim.Scenarios.Runtime;

/// <summary><c>run.inject(options)</c> and <c>run.repair(name)</c>: faults a callback starts and ends while
/// the run goes.</summary>
/// <remarks>
/// Worker thread. The options are read and checked here (kind, parameters, target against the plan), so
/// a mistake is an error at the script's call; the fault is then attached on the wheel thread, its start,
/// stop and ramp counted from that moment. Faults a scenario injects are its own: they ease out when it
/// settles and go at once when it is reset.
/// </remarks>
internal static class FaultActions
{
    public static void Register(JsObject run, ScenarioRuntime scenario, ScenarioContext context)
    {
        var injected = 0;
        PlanBuilderApi.Add(run, "inject", args =>
        {
            var fault = FaultApi.Read(context, PlanBuilderApi.Arg(args, 0), "run.inject()");
            if (FaultRules.Check(fault) is { Count: > 0 } problems)
            {
                throw context.Fail($"run.inject(): {string.Join("; ", problems)}");
            }

            if (FaultTargets.Problem(scenario.Host.RunPlan, fault) is { } problem)
            {
                throw context.Fail($"run.inject(): {problem}");
            }

            if (fault.Name.Length == 0)
            {
                fault.Name = $"{scenario.Name}-{FaultKinds.Name(fault.Kind)}-{++injected}";
            }

            scenario.Host.Post(r =>
            {
                if (!scenario.IsActive)
                {
                    // The scenario ended while this call was on its way: a fault attached now would outlive it.
                    scenario.Host.OnScenarioWarning(scenario, $"{fault.Origin}: run.inject(): the scenario is no longer active; fault '{fault.Name}' not injected");
                    return;
                }

                try
                {
                    scenario.Own(r.Faults.Inject(fault, MonotonicClock.NowNanoseconds()));
                }
                catch (FaultException e)
                {
                    scenario.Host.OnScenarioWarning(scenario, $"{fault.Origin}: run.inject(): {e.Message}");
                }
            });
            return new JsString(fault.Name);
        });
        PlanBuilderApi.Add(run, "repair", args =>
        {
            var name = PlanBuilderApi.Arg(args, 0);
            var text = name.IsString() ? name.AsString() : throw context.Fail("run.repair() expects a fault name");
            scenario.Host.Post(r =>
            {
                if (!r.Faults.Repair(text))
                {
                    scenario.Host.OnScenarioWarning(scenario, $"run.repair(): no active fault called '{text}'");
                }
            });
            return JsValue.Undefined;
        });
    }
}
