using System.Globalization;
using TrdpSim.Configuration;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios.Packs;

/// <summary>Loads a plugin folder as a run plan: its manifest, then its entry scenario with the manifest's
/// parameter defaults overridden by <c>--param</c> values.</summary>
/// <remarks>
/// The manifest is the plugin's public contract, so it and the script must agree; every disagreement
/// is an error (not a warning), in <c>validate</c>, <c>run</c> and <c>pack</c> alike, so a plugin that
/// validates is exactly a plugin that runs:
/// a <c>--param</c> the manifest does not declare or whose value does not parse as its type; a manifest
/// parameter the script never declares with <c>plan.param</c>; a script parameter missing from the
/// manifest; and a parameter whose type or default differs between the two. The script is only checked
/// against the manifest when it loaded without errors (a script that stopped half-way has not declared
/// all its parameters yet).
/// </remarks>
internal static class PluginLoader
{
    /// <summary>Loads the plugin in <paramref name="directory"/> with the given <c>--param</c> values.</summary>
    public static PlanLoadResult Load(string directory, IReadOnlyDictionary<string, string> parameters) =>
        Load(directory, parameters, out _);

    /// <summary>Loads the plugin in <paramref name="directory"/>; <paramref name="manifest"/> is set whenever the
    /// manifest itself was valid (even if the script or the parameters were not).</summary>
    public static PlanLoadResult Load(string directory, IReadOnlyDictionary<string, string> parameters, out PluginManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(parameters);
        PluginManifestResult read = PluginManifestReader.ReadDirectory(directory);
        manifest = read.Manifest;
        if (manifest is null)
        {
            return new PlanLoadResult(null, read.Errors);
        }

        var errors = new PlanErrorSink();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PluginParameter parameter in manifest.Parameters)
        {
            values[parameter.Name] = parameter.DefaultText;
        }

        CheckGiven(manifest, parameters, values, errors);
        if (errors.Count > 0)
        {
            return new PlanLoadResult(null, errors.ToSortedList());
        }

        string entry = Path.Combine(directory, manifest.Entry.Replace('/', Path.DirectorySeparatorChar));
        var declared = new List<ScenarioParameterDeclaration>();
        PlanLoadResult script = ScenarioLoader.LoadFile(entry, values, declared);
        foreach (PlanError error in script.Errors)
        {
            errors.Add(error.Location, error.Message);
        }

        if (script.Success)
        {
            CheckDeclarations(manifest, declared, errors);
            if (script.Plan!.Name == Path.GetFileNameWithoutExtension(manifest.Entry))
            {
                script.Plan.Name = manifest.Name;
            }
        }

        return new PlanLoadResult(script.Plan, errors.ToSortedList());
    }

    private static void CheckGiven(PluginManifest manifest, IReadOnlyDictionary<string, string> given, Dictionary<string, string> values, PlanErrorSink errors)
    {
        var names = new List<string>(given.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            string text = given[name];
            if (manifest.FindParameter(name) is not { } parameter)
            {
                string known = manifest.Parameters.Count == 0 ? "it declares none" : "parameters: " + string.Join(", ", Names(manifest));
                errors.Add(new SourceLocation(manifest.Path, 0, 0), $"--param {name}: plugin '{manifest.Name}' has no such parameter ({known})");
            }
            else if (ValueProblem(parameter.Type, text) is { } problem)
            {
                errors.Add(parameter.Origin, $"--param {name}={text}: {problem} (the parameter is a {parameter.Type})");
            }
            else
            {
                values[name] = text;
            }
        }
    }

    private static void CheckDeclarations(PluginManifest manifest, List<ScenarioParameterDeclaration> declared, PlanErrorSink errors)
    {
        foreach (PluginParameter parameter in manifest.Parameters)
        {
            ScenarioParameterDeclaration? script = declared.Find(d => d.Name == parameter.Name);
            if (script is null)
            {
                errors.Add(parameter.Origin, $"parameter '{parameter.Name}' is declared here but the scenario ({manifest.Entry}) never declares it with plan.param('{parameter.Name}', …)");
            }
            else if (script.Type != parameter.Type)
            {
                errors.Add(parameter.TypeOrigin, $"parameter '{parameter.Name}' is a {parameter.Type} here but a {script.Type} in the scenario ({script.Origin})");
            }
            else if (!SameValue(parameter.Type, parameter.DefaultText, script.DefaultText))
            {
                errors.Add(parameter.DefaultOrigin, $"parameter '{parameter.Name}' defaults to {parameter.DefaultText} here but to {script.DefaultText} in the scenario ({script.Origin}); make them the same");
            }
        }

        foreach (ScenarioParameterDeclaration script in declared)
        {
            if (manifest.FindParameter(script.Name) is null)
            {
                errors.Add(script.Origin, $"parameter '{script.Name}' is not declared in {PluginManifest.FileName}: add a [[parameter]] table for it");
            }
        }
    }

    /// <summary>Null when <paramref name="text"/> is a valid value of <paramref name="type"/>, else why not
    /// (the same rules and words as a <c>--param</c> value).</summary>
    internal static string? ValueProblem(string type, string text) =>
        ScenarioParameters.TryConvert(type, text, out _, out string problem) ? null : problem;

    private static bool SameValue(string type, string a, string b) => type switch
    {
        "number" => double.Parse(a, CultureInfo.InvariantCulture) == double.Parse(b, CultureInfo.InvariantCulture),
        "duration" => DurationParser.TryParse(a, out TimeSpan x) && DurationParser.TryParse(b, out TimeSpan y) && x == y,
        _ => a == b,
    };

    private static List<string> Names(PluginManifest manifest)
    {
        var names = new List<string>();
        foreach (PluginParameter parameter in manifest.Parameters)
        {
            names.Add(parameter.Name);
        }

        return names;
    }
}
