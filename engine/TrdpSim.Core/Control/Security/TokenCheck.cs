namespace TrdpSim.Control.Security;

/// <summary>Marks an endpoint that changes something: it needs the bearer token.</summary>
public sealed class RequiresControlToken
{
    public static RequiresControlToken Instance { get; } = new();
}

/// <summary>Checks the bearer token of every endpoint marked <see cref="RequiresControlToken"/>, after routing and
/// before the request body is read (an unauthenticated client learns nothing from a bad body).</summary>
public static class TokenCheck
{
    /// <summary>Marks the endpoint as one that needs the token.</summary>
    public static TBuilder RequireControlToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(RequiresControlToken.Instance);

    /// <summary>401 with a problem naming what is wrong (no token, or not the daemon's) and <c>WWW-Authenticate: Bearer</c>.</summary>
    public static IApplicationBuilder UseControlToken(this IApplicationBuilder app, ControlToken token, DaemonMetrics metrics) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresControlToken>() is not null)
        {
            var header = context.Request.Headers.Authorization.ToString();
            string? problem = null;
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                problem = "this request changes the daemon's state and needs 'Authorization: Bearer <token>' ($TRDPSIM_TOKEN, or the daemon's token file)";
            }
            else if (!token.Matches(header[7..].Trim()))
            {
                problem = "the bearer token is not the daemon's";
            }

            if (problem is not null)
            {
                metrics.Rejected("unauthorized");
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.Problem(StatusCodes.Status401Unauthorized, problem).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    });
}
