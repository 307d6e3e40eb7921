namespace TrdpSim.Control.Api;

/// <summary>One key of a fault as the console's inject form shows it.</summary>
/// <param name="Key">The key, as in a TOML <c>[[fault]]</c> (<c>probability</c>, <c>ramp-up</c>).</param>
/// <param name="Type"><c>number</c>, <c>integer</c>, <c>duration</c> (<c>"2s"</c>), <c>text</c> or <c>word</c> (one of <paramref name="Words"/>).</param>
/// <param name="Min">The smallest value the daemon takes, where there is one.</param>
/// <param name="Max">The largest value the daemon takes, where there is one.</param>
/// <param name="Words">The values a <c>word</c> takes.</param>
/// <param name="Help">What it means, in a few words.</param>
public sealed record FaultParameterDto(string Key, string Type, double? Min, double? Max, IReadOnlyList<string>? Words, string Help);

/// <summary>A fault kind and the keys it reads besides the common ones.</summary>
public sealed record FaultKindDto(string Kind, bool MessageData, IReadOnlyList<FaultParameterDto> Parameters);

/// <summary><c>GET /api/fault-kinds</c>: the keys every fault takes and each kind's own.</summary>
public sealed record FaultCatalogResponse(IReadOnlyList<FaultParameterDto> Common, IReadOnlyList<FaultKindDto> Kinds);

/// <summary><c>POST /api/fault-kinds/validate</c>: whether <c>POST /api/runs/{id}/faults</c> would take the fault's keys and values.</summary>
public sealed record FaultValidationResponse(bool Valid, IReadOnlyList<string> Errors);
