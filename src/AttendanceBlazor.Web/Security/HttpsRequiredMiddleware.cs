using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// With Security:RequireHttps, pages over plain HTTP are redirected to HTTPS and REST calls are refused: a redirect
/// would come too late for a request that already carried its API key in clear text.
/// </summary>
public sealed class HttpsRequiredMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.RequireHttps || context.Request.IsHttps)
        {
            await next(context);
            return;
        }
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
            || context.Request.Path.StartsWithSegments("/check_in_or_out") || context.Request.Path.StartsWithSegments("/attendance"))
        {
            const string detail = "this server accepts API calls over HTTPS only; the key sent over plain HTTP should be treated as exposed";
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "HTTPS required", detail: detail,
                extensions: new Dictionary<string, object?> { ["error"] = detail }).ExecuteAsync(context);
            return;
        }
        var https = $"https://{context.Request.Host.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        context.Response.Redirect(https, permanent: true, preserveMethod: true);
    }
}
