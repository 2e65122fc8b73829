using AttendanceBlazor.Application.Accounts;

namespace AttendanceBlazor.Web.Security;

/// <summary>With an empty database every page leads to /setup, where the first admin account is created. There is no default password.</summary>
public sealed class FirstRunMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, FirstRunState state)
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments(SetupPath)
            && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/attendance") && !path.StartsWithSegments("/check_in_or_out") && !path.StartsWithSegments("/timesheets")
            && !Path.HasExtension(path.Value);
        if (isPage && await state.NeedsSetupAsync())
        {
            context.Response.Redirect(SetupPath);
            return;
        }
        await next(context);
    }
}
