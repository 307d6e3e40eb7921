using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace TrdpSim.Control.Security;

/// <summary>Marks an endpoint that changes something: it needs the bearer token.</summary>
public sealed class RequiresControlToken
{
    public static RequiresControlToken Instance { get; } = new();
}

/// <summary>Checks the bearer token of every endpoint marked <see cref="RequiresControlToken"/>, after routing and
/// before the request body is read (an unauthenticated client learns nothing from a bad body).</summary>
/// <remarks>Routing answers a request whose path matches an endpoint but whose method or content type does not with an
/// endpoint of its own (405, 415) that carries no metadata: a changing request to a guarded path is then checked as
/// well, so an unauthenticated client gets 401 whatever it sends, and learns the 405 or 415 only with the token.</remarks>
public static class TokenCheck
{
    /// <summary>Marks the endpoint as one that needs the token.</summary>
    public static TBuilder RequireControlToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(RequiresControlToken.Instance);

    /// <summary>401 with a problem naming what is wrong (no token, or not the daemon's) and <c>WWW-Authenticate: Bearer</c>.</summary>
    public static IApplicationBuilder UseControlToken(this IApplicationBuilder app, ControlToken token, DaemonMetrics metrics)
    {
        var guarded = new GuardedPaths(app.ApplicationServices.GetRequiredService<EndpointDataSource>());
        return app.Use(async (context, next) =>
        {
            if (NeedsToken(context, guarded))
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

    /// <summary>The endpoint routing chose needs the token, or routing refused the method or content type of a changing
    /// request to a path whose endpoints need it.</summary>
    private static bool NeedsToken(HttpContext context, GuardedPaths guarded)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return false;
        }

        if (endpoint.Metadata.GetMetadata<RequiresControlToken>() is not null)
        {
            return true;
        }

        string method = context.Request.Method;
        bool changing = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        return changing && endpoint is not RouteEndpoint && guarded.Matches(context.Request.Path);
    }

    /// <summary>The route patterns of the endpoints that need the token, read from the app's endpoints on first use
    /// (they are mapped after the middleware is added).</summary>
    private sealed class GuardedPaths(EndpointDataSource endpoints)
    {
        private TemplateMatcher[]? _matchers;

        public bool Matches(PathString path)
        {
            var matchers = _matchers ??= endpoints.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<RequiresControlToken>() is not null)
                .Select(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()))
                .ToArray();
            foreach (var matcher in matchers)
            {
                if (matcher.TryMatch(path, new RouteValueDictionary()))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
