using TrdpSim.Plan.Faults;

namespace TrdpSim.Control.Api;

/// <summary>The fault kinds and their keys for a client that builds a form (the web console): the names come from
/// the engine's one table (<see cref="FaultKinds"/>), the limits from <see cref="FaultRules"/>, so a kind or key
/// added there appears here; a key without a description here is still listed, as text.</summary>
internal static class FaultCatalog
{
    private static readonly Dictionary<string, FaultParameterDto> Described = Build();

    public static FaultCatalogResponse Response()
    {
        var common = new List<FaultParameterDto>();
        foreach (var key in FaultKinds.CommonKeys)
        {
            common.Add(Describe(key));
        }

        var kinds = new List<FaultKindDto>();
        foreach (var name in FaultKinds.Names)
        {
            FaultKinds.TryParse(name, out var kind);
            var parameters = new List<FaultParameterDto>();
            foreach (var key in FaultKinds.ParameterKeys(kind))
            {
                parameters.Add(Describe(key));
            }

            kinds.Add(new FaultKindDto(name, FaultKinds.IsMessageData(kind), parameters));
        }

        return new FaultCatalogResponse(common, kinds);
    }

    /// <summary>The checks of <c>POST /api/runs/{id}/faults</c> short of finding the targets in a run: the reader
    /// (keys, types, words) and the limits of the values.</summary>
    public static FaultValidationResponse Validate(IReadOnlyDictionary<string, System.Text.Json.JsonElement> body)
    {
        var source = new JsonFaultSource(body);
        var errors = new List<string>();
        if (source.Read() is { } fault)
        {
            errors.AddRange(FaultRules.Check(fault));
        }
        else
        {
            errors.AddRange(source.Errors);
        }

        return new FaultValidationResponse(errors.Count == 0, errors);
    }

    internal static FaultParameterDto Describe(string key) =>
        Described.TryGetValue(key, out var known) ? known : new FaultParameterDto(key, "text", null, null, null, key);

    private static Dictionary<string, FaultParameterDto> Build()
    {
        static FaultParameterDto P(string key, string type, string help, double? min = null, double? max = null, IReadOnlyList<string>? words = null) =>
            new(key, type, min, max, words, help);
        static List<string> Words<T>((string Word, T Value)[] table)
        {
            var list = new List<string>(table.Length);
            foreach (var (word, _) in table)
            {
                list.Add(word);
            }

            return list;
        }

        FaultParameterDto[] all =
        [
            P("name", "text", "the fault's name (to repair it); default: kind-n"),
            P("kind", "word", "what the fault does", words: [.. FaultKinds.Names]),
            P("device", "text", "the device whose telegrams it strikes, or * for every device"),
            P("telegram", "text", "one telegram of the device (a plan name covers its instances); empty: all"),
            P("com-id", "integer", "strike only this ComId", 0, uint.MaxValue),
            P("interface", "text", "a PD fault on one bus interface of a multi-homed device (a, b, …); empty: every interface"),
            P("start", "duration", "when it begins after the injection (e.g. 2s)"),
            P("stop", "duration", "when it ends after the injection; empty: until repaired"),
            P("ramp-up", "duration", "time to reach full intensity"),
            P("intensity", "number", "scales the fault's probability or strength", 0, 1),
            P("probability", "number", "chance per frame", 0, 1),
            P("good-to-bad", "number", "Gilbert-Elliott: chance per frame to enter the bad state", 0, 1),
            P("bad-to-good", "number", "Gilbert-Elliott: chance per frame to leave the bad state", 0, 1),
            P("loss-in-good", "number", "loss probability in the good state", 0, 1),
            P("loss-in-bad", "number", "loss probability in the bad state", 0, 1),
            P("delay", "text", "a delay or distribution (5ms, uniform:1ms:5ms, normal:5ms:1ms …)"),
            P("copies", "integer", "extra copies of a duplicated frame", 1, FaultRules.MaxCopies),
            P("depth", "integer", "how many frames may overtake a held-back one", 1, FaultRules.MaxDepth),
            P("bits", "integer", "bits flipped per frame", 1, FaultRules.MaxBits),
            P("mode", "word", "what happens to the sequence counter", words: Words(FaultKinds.SequenceModes)),
            P("step", "integer", "the jump of a sequence jump", 1, uint.MaxValue),
            P("etb-topo-count", "integer", "the ETB topography counter sent", 0, uint.MaxValue),
            P("op-train-topo-count", "integer", "the operational train topography counter sent", 0, uint.MaxValue),
            P("malformation", "word", "which header field is broken", words: Words(FaultKinds.Malformations)),
            P("rate-factor", "number", "sends this many times the planned rate", 1, FaultRules.MaxRateFactor),
            P("drift-ppm", "number", "cycle drift in parts per million", -FaultRules.MaxDriftPpm, FaultRules.MaxDriftPpm),
            P("error-status", "integer", "the Me reply status sent (negative)", int.MinValue, int.MaxValue),
        ];
        var table = new Dictionary<string, FaultParameterDto>(StringComparer.Ordinal);
        foreach (var p in all)
        {
            table[p.Key] = p;
        }

        return table;
    }
}
