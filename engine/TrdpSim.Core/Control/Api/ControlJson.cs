using System.Text.Json;
using System.Text.Json.Serialization;
using TrdpSim.Composition;

namespace TrdpSim.Control.Api;

/// <summary>Every body the control plane reads or writes, serialized by generated code (NativeAOT, no
/// reflection). camelCase names, enums as words, and a field a type does not have is an error (400), so a
/// typo in a request is never silently ignored.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StartRunRequest))]
[JsonSerializable(typeof(CycleRequest))]
[JsonSerializable(typeof(FieldValueRequest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(CreatedRunResponse))]
[JsonSerializable(typeof(List<RunListItem>))]
[JsonSerializable(typeof(RunDetailResponse))]
[JsonSerializable(typeof(ActionResponse))]
[JsonSerializable(typeof(FieldReadingsResponse))]
[JsonSerializable(typeof(TelegramCountersResponse))]
[JsonSerializable(typeof(List<FaultStatus>))]
[JsonSerializable(typeof(List<ParameterDto>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(List<PluginDto>))]
[JsonSerializable(typeof(PluginInstallResponse))]
[JsonSerializable(typeof(PluginValidationResponse))]
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(List<StoredRunItem>))]
[JsonSerializable(typeof(StoredRunDetail))]
[JsonSerializable(typeof(StoredComparison))]
[JsonSerializable(typeof(FaultCatalogResponse))]
[JsonSerializable(typeof(FaultValidationResponse))]
[JsonSerializable(typeof(TopologyResponse))]
[JsonSerializable(typeof(TokenCheckResponse))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ControlJson : JsonSerializerContext;
