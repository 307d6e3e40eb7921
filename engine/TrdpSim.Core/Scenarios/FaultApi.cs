using System.Globalization;
using Jint.Native;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Scenarios;

/// <summary><c>plan.fault({ kind, device, telegram, comId, start, stop, rampUp, intensity, … })</c>: adds a
/// fault to the plan. Keys are the camelCase spellings of the TOML <c>[[fault]]</c> keys, read by the same
/// <see cref="FaultOptionReader"/> and judged by the same plan validator, so both sources accept exactly the
/// same faults.</summary>
internal static class FaultApi
{
    private static readonly string[] Keys = CamelKeys();

    /// <summary>Adds <c>fault</c> to the plan object; it returns the fault's name.</summary>
    public static void Register(JsObject planObject, ScenarioContext context, RunPlan plan) =>
        PlanBuilderApi.Add(planObject, "fault", args =>
        {
            var fault = Read(context, PlanBuilderApi.Arg(args, 0), "plan.fault()");
            if (fault.Name.Length == 0)
            {
                fault.Name = FaultKinds.Name(fault.Kind) + "-" + (plan.Faults.Count + 1).ToString(CultureInfo.InvariantCulture);
            }

            plan.Faults.Add(fault);
            return new JsString(fault.Name);
        });

    /// <summary>Reads one fault options object; every problem is a script error at the calling line.</summary>
    /// <remarks>The name stays empty when the script gives none (the injector or the caller names it).
    /// Also used by the scenario timeline for faults injected at runtime.</remarks>
    internal static FaultPlan Read(ScenarioContext context, JsValue options, string what)
    {
        var reader = new OptionReader(context, options, what, Keys);
        var source = new JsFaultSource(reader, context, what);
        var fault = FaultOptionReader.Read(source, context.CallSite(), static _ => string.Empty)
            ?? throw context.Fail($"{what} needs a valid 'kind'");
        reader.Record(fault, fault.Origin);
        return fault;
    }

    private static string[] CamelKeys()
    {
        var keys = FaultKinds.AllKeys();
        var camel = new string[keys.Count];
        for (var i = 0; i < camel.Length; i++)
        {
            camel[i] = FaultKinds.CamelCase(keys[i]);
        }

        return camel;
    }

    /// <summary>A script's options object as a fault option source (camelCase keys; errors throw).</summary>
    private sealed class JsFaultSource(OptionReader reader, ScenarioContext context, string what) : IFaultOptionSource
    {
        public IEnumerable<string> Keys
        {
            get
            {
                foreach (var key in FaultKinds.AllKeys())
                {
                    if (reader.Has(FaultKinds.CamelCase(key)))
                    {
                        yield return key;
                    }
                }
            }
        }

        public bool TryText(string key, out string value)
        {
            var camel = FaultKinds.CamelCase(key);
            value = reader.String(camel, string.Empty);
            return reader.Has(camel);
        }

        public bool TryNumber(string key, out double value)
        {
            var camel = FaultKinds.CamelCase(key);
            value = reader.Number(camel, 0);
            return reader.Has(camel);
        }

        public bool TryInteger(string key, long min, long max, out long value)
        {
            var camel = FaultKinds.CamelCase(key);
            value = reader.Integer(camel, min, max, 0);
            return reader.Has(camel);
        }

        public bool TryDuration(string key, out TimeSpan value)
        {
            var duration = reader.OptionalDuration(FaultKinds.CamelCase(key));
            value = duration ?? TimeSpan.Zero;
            return duration is not null;
        }

        public void Error(string? key, string message) =>
            throw context.Fail(key is null ? $"{what}: {message}" : $"{what}: {CamelMessage(message)}");

        /// <summary>Error texts name keys in kebab-case; a script writes them in camelCase.</summary>
        private static string CamelMessage(string message)
        {
            foreach (var key in FaultKinds.AllKeys())
            {
                if (key.Contains('-', StringComparison.Ordinal))
                {
                    message = message.Replace("'" + key + "'", "'" + FaultKinds.CamelCase(key) + "'", StringComparison.Ordinal);
                }
            }

            return message;
        }
    }
}
