using System.Globalization;
using Jint;
using Jint.Native;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios;

/// <summary>Implements <c>plan.param(name, { type, default })</c>: declared parameters, overridden by
/// the command line's <c>--param name=value</c>.</summary>
internal sealed class ScenarioParameters
{
    private static readonly string[] Keys = ["type", "default"];
    private readonly IReadOnlyDictionary<string, string> _given;
    private readonly Dictionary<string, SourceLocation> _declared = new(StringComparer.Ordinal);
    private readonly List<ScenarioParameterDeclaration> _declarations = [];

    public ScenarioParameters(IReadOnlyDictionary<string, string> given) => _given = given;

    /// <summary>Every parameter the scenario declared, in call order (plugin manifests are checked against it).</summary>
    public IReadOnlyList<ScenarioParameterDeclaration> Declarations => _declarations;

    /// <summary>The value each declared parameter took, in call order (for the run manifest).</summary>
    public List<ParameterValue> Values { get; } = [];

    /// <summary>Returns the parameter's value: the command line's, else the declared default.</summary>
    public JsValue Declare(ScenarioContext context, JsValue nameValue, JsValue options)
    {
        if (!nameValue.IsString() || nameValue.AsString().Length == 0)
        {
            throw context.Fail("plan.param() expects a parameter name");
        }

        string name = nameValue.AsString();
        var reader = new OptionReader(context, options, $"plan.param('{name}')", Keys);
        string type = reader.Word("type", [("number", "number"), ("string", "string"), ("boolean", "boolean"), ("duration", "duration")], string.Empty);
        if (type.Length == 0)
        {
            throw context.Fail($"plan.param('{name}') needs 'type' (number, string, boolean or duration)");
        }

        JsValue fallback = reader.Raw("default") ?? throw context.Fail($"plan.param('{name}') needs a 'default'");
        if (!Matches(type, fallback))
        {
            throw reader.Bad("default", $"must be a {type}" + (type == "duration" ? " string such as \"100ms\"" : string.Empty));
        }

        SourceLocation at = context.CallSite();
        if (!_declared.TryAdd(name, at))
        {
            throw context.Fail($"parameter '{name}' is already declared (at {_declared[name]})");
        }

        _declarations.Add(new ScenarioParameterDeclaration(name, type, DefaultText(fallback), at));

        if (!_given.TryGetValue(name, out string? text))
        {
            Values.Add(new ParameterValue(name, DefaultText(fallback), context.FileName));
            return fallback;
        }

        if (TryConvert(type, text, out JsValue value, out string problem))
        {
            Values.Add(new ParameterValue(name, text, context.FileName));
            return value;
        }

        context.Errors.Add(at, $"--param {name}={text}: {problem}");
        return fallback;
    }

    /// <summary>Reports command-line parameters the scenario never declared.</summary>
    public void ReportUnknown(ScenarioContext context)
    {
        foreach (string name in _given.Keys)
        {
            if (!_declared.ContainsKey(name))
            {
                string known = _declared.Count == 0 ? "the scenario declares none" : "declared: " + string.Join(", ", _declared.Keys);
                context.Errors.Add(new SourceLocation(context.FileName, 0, 0), $"--param {name}: unknown parameter ({known})");
            }
        }
    }

    private static string DefaultText(JsValue value) =>
        value.IsNumber() ? value.AsNumber().ToString("R", CultureInfo.InvariantCulture)
        : value.IsBoolean() ? (value.AsBoolean() ? "true" : "false")
        : value.AsString();

    private static bool Matches(string type, JsValue value) => type switch
    {
        "number" => value.IsNumber(),
        "boolean" => value.IsBoolean(),
        "duration" => value.IsString() && DurationParser.TryParse(value.AsString(), out _),
        _ => value.IsString(),
    };

    internal static bool TryConvert(string type, string text, out JsValue value, out string problem)
    {
        value = JsValue.Undefined;
        problem = string.Empty;
        switch (type)
        {
            case "number":
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                {
                    value = JsNumber.Create(number);
                    return true;
                }

                problem = "not a number";
                return false;
            case "boolean":
                if (text is "true" or "false")
                {
                    value = text == "true" ? JsBoolean.True : JsBoolean.False;
                    return true;
                }

                problem = "not true or false";
                return false;
            case "duration":
                if (DurationParser.TryParse(text, out _, out string error))
                {
                    value = new JsString(text);
                    return true;
                }

                problem = "not a duration: " + error;
                return false;
            default:
                value = new JsString(text);
                return true;
        }
    }
}
