namespace TrdpSim.Control.Api;

/// <summary>An error as the control plane answers it (RFC 7807 problem details), as a client reads it.</summary>
/// <param name="Type">A URI naming the kind of problem.</param>
/// <param name="Title">The HTTP status in words.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong, naming what and where.</param>
/// <param name="Errors">Every plan error (<c>file:line:col: error: …</c>) when a run was refused for its plan.</param>
public sealed record ProblemResponse(string? Type, string? Title, int? Status, string? Detail, IReadOnlyList<string>? Errors);
