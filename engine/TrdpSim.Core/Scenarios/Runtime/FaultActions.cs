using Jint;
using Jint.Native;
using TrdpSim.Composition;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Scenarios.Runtime;

/// <summary><c>run.inject(options)</c> and <c>run.repair(name)</c>: faults a callback starts and ends while
/// the run goes.</summary>
/// <remarks>
/// Worker thread. The options are read here and checked by <see cref="RunControl.Inject"/> (kind,
/// parameters, target against the plan), so a mistake is an error at the script's call; the fault is then
/// attached on the wheel thread, its start, stop and ramp counted from that moment. Faults a scenario
/// injects are its own (its scope's journal): they ease out when it settles and go at once when it is reset.
/// </remarks>
internal static class FaultActions
{
    public static void Register(JsObject run, ScenarioRuntime scenario, ScenarioContext context)
    {
        var control = scenario.Host.RunControl;
        var injected = 0;
        PlanBuilderApi.Add(run, "inject", args =>
        {
            var fault = FaultApi.Read(context, PlanBuilderApi.Arg(args, 0), "run.inject()");
            var named = fault.Name.Length == 0;
            if (named)
            {
                fault.Name = $"{scenario.Name}-{FaultKinds.Name(fault.Kind)}-{injected + 1}";
            }

            var call = control.Inject(scenario.Scope, fault);
            if (call.Refusal is { Outcome: ControlOutcome.NotFound or ControlOutcome.Invalid } refused)
            {
                throw context.Fail($"run.inject(): {refused.Message}");
            }

            if (named)
            {
                injected++;
            }

            // Refused on the wheel: the scenario ended while the call was on its way, or the name is taken.
            RunApi.Warn(scenario, call, result => $"{fault.Origin}: run.inject(): {result.Message}");
            return new JsString(fault.Name);
        });
        PlanBuilderApi.Add(run, "repair", args =>
        {
            var name = PlanBuilderApi.Arg(args, 0);
            var text = name.IsString() ? name.AsString() : throw context.Fail("run.repair() expects a fault name");
            var call = control.Repair(scenario.Scope, text);
            if (call.Refusal is { Outcome: ControlOutcome.NotFound or ControlOutcome.Invalid } refused)
            {
                throw context.Fail($"run.repair(): {refused.Message}");
            }

            RunApi.Warn(scenario, call, result => $"run.repair(): {result.Message}");
            return JsValue.Undefined;
        });
    }
}
