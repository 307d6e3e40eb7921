using ParseErrorException = Acornima.ParseErrorException;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Reads a <see cref="RunPlan"/> from a JavaScript scenario: an ES module whose default export
/// is <c>function (plan) { … }</c>, run once in the <see cref="ScenarioSandbox"/> (API v1:
/// plugins/README.md).</summary>
/// <remarks>
/// Every failure becomes a <see cref="PlanError"/> at <c>file:line:col</c> and the host never crashes:
/// syntax errors, uncaught exceptions (including the host API's argument errors, reported at the
/// call that was refused), sandbox limits (time, statements, memory, recursion; reported at the statement
/// that was running), and <c>--param</c>
/// names the scenario does not declare or values that do not parse.
/// </remarks>
public static class ScenarioLoader
{
    /// <summary>Reads and runs the scenario at <paramref name="path"/> with the given <c>--param</c> values.</summary>
    public static PlanLoadResult LoadFile(string path, IReadOnlyDictionary<string, string> parameters) =>
        LoadFile(path, parameters, null);

    /// <summary>Reads and runs the scenario at <paramref name="path"/>; when <paramref name="declared"/> is given it
    /// receives every parameter the scenario declared and the caller checks unknown <paramref name="parameters"/>
    /// itself (a plugin checks them against its manifest, with the manifest's positions).</summary>
    internal static PlanLoadResult LoadFile(string path, IReadOnlyDictionary<string, string> parameters, List<ScenarioParameterDeclaration>? declared)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!PlanSourceFile.TryRead(path, out string text, out PlanError error))
        {
            return new PlanLoadResult(null, [error]);
        }

        return Load(text, path, parameters, null, declared);
    }

    /// <summary>Runs scenario <paramref name="text"/>; <paramref name="fileName"/> is used in error positions,
    /// as <see cref="RunPlan.SourcePath"/> and for the default run name. <paramref name="options"/> replaces
    /// the default sandbox (tests use tighter limits); they serve this one engine (its stack-trace handler is set).</summary>
    public static PlanLoadResult Load(string text, string fileName, IReadOnlyDictionary<string, string> parameters, Options? options = null) =>
        Load(text, fileName, parameters, options, null);

    private static PlanLoadResult Load(string text, string fileName, IReadOnlyDictionary<string, string> parameters, Options? options, List<ScenarioParameterDeclaration>? declared)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new PlanErrorSink();
        var plan = new RunPlan { SourcePath = fileName };
        string stem = Path.GetFileNameWithoutExtension(fileName);
        if (stem.Length > 0)
        {
            plan.Name = stem;
        }

        Prepared<Acornima.Ast.Module> module;
        try
        {
            module = Engine.PrepareModule(text, ScenarioContext.ModuleName);
        }
        catch (ScriptPreparationException e)
        {
            SourceLocation at = e.InnerException is ParseErrorException parse
                ? new SourceLocation(fileName, parse.LineNumber, parse.Column + 1)
                : new SourceLocation(fileName, 0, 0);
            string message = e.InnerException is ParseErrorException p2 ? p2.Description ?? p2.Message : e.Message;
            errors.Add(at, "syntax error: " + message);
            return new PlanLoadResult(null, errors.ToSortedList());
        }

        var cancellation = new CancellationTokenSource();
        var context = new ScenarioContext(options ?? ScenarioSandbox.Create(cancellation: cancellation.Token), fileName, errors);
        Engine engine = context.Engine;
        var scenarioParameters = new ScenarioParameters(parameters);
        var scenario = new ScenarioPlan { Name = plan.Name, SourcePath = fileName, Origin = FileStart(fileName) };
        var scenarioApi = new ScenarioApi(context, scenario);
        Run(context, module, new PlanBuilderApi(context, plan, scenarioParameters, scenarioApi));
        if (declared is null)
        {
            scenarioParameters.ReportUnknown(context);
        }
        else
        {
            declared.AddRange(scenarioParameters.Declarations);
        }

        plan.Parameters.AddRange(scenarioParameters.Values);
        scenario.Name = plan.Name;
        if (errors.Count == 0 && scenarioApi.Callbacks.Count > 0)
        {
            // The timeline and hooks call back into this engine during the run: it lives on with the plan.
            scenario.Script = new ScenarioScript(context, scenarioApi.Callbacks, scenarioApi.CallbackOrigins, cancellation)
            {
                Parameters = new Runtime.LiveParameters(fileName, scenarioParameters.Declarations, scenarioParameters.Values),
            };
        }
        else
        {
            engine.Dispose();
            cancellation.Dispose();
        }

        plan.Scenarios.Add(scenario);

        // A script that stopped half-way left a plan that is half built in no knowable way: nothing to judge.
        return new PlanLoadResult(errors.Count == 0 ? plan : null, errors.ToSortedList());
    }

    private static SourceLocation FileStart(string fileName) => new(fileName, 1, 1);

    private static void Run(ScenarioContext context, Prepared<Acornima.Ast.Module> module, PlanBuilderApi api)
    {
        Engine engine = context.Engine;
        var fileStart = new SourceLocation(context.FileName, 1, 1);
        try
        {
            engine.Modules.Add(ScenarioContext.ModuleName, builder => builder.AddModule(module));
            var start = EntryBudget.Start();
            JsValue entry = engine.Modules.Import(ScenarioContext.ModuleName).Get("default");
            context.Budget?.Check(start);
            if (entry is not Function)
            {
                context.Errors.Add(fileStart, "the scenario must end with 'export default function (plan) { … }'");
                return;
            }

            JsValue plan = api.Build();
            start = EntryBudget.Start();
            JsValue returned = engine.Invoke(entry, plan);
            context.Budget?.Check(start);
            if (returned.GetType().Name == "JsPromise")
            {
                // An async plan function returns at its first 'await': the plan was taken then, and what came after —
                // an error thrown included — was silently lost ('validate' said ok). (Jint keeps its promise type
                // internal; its name is what can be checked.)
                context.Errors.Add(fileStart, "the default function must not be async (it returned a Promise): the plan is taken when it returns, so what it does after an 'await' would be lost");
            }
        }
        catch (JavaScriptException e)
        {
            SourceLocation at = context.TryGetHostErrorSite(e.Error, out SourceLocation site) ? site : At(context, e.Location);
            context.Errors.Add(at, e.Message);
        }
        catch (Exception e) when (ScenarioLimits.Describe(e) is { } what)
        {
            SourceLocation at = context.LimitSite(e, new SourceLocation(context.FileName, 0, 0));
            context.Errors.Add(at, $"the scenario exceeded its {what}; scenarios only describe the plan, loops must end");
        }
#pragma warning disable CA1031 // A scenario is untrusted input: whatever it provokes is reported, never crashes the host.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Errors.Add(fileStart, $"the scenario failed: {e.Message}");
        }
    }

    private static SourceLocation At(ScenarioContext context, Acornima.SourceLocation where) =>
        where.Start.Line > 0
            ? new SourceLocation(context.FileName, where.Start.Line, where.Start.Column + 1)
            : new SourceLocation(context.FileName, 0, 0);
}
