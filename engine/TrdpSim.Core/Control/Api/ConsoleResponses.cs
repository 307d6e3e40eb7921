namespace TrdpSim.Control.Api;

/// <summary><c>GET /api/token/check</c>: the token is the daemon's (a wrong or missing one is a 401).</summary>
public sealed record TokenCheckResponse(bool Ok);
