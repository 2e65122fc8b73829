using AttendanceBlazor.Application.Devices;
using AttendanceBlazor.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// A tablet becomes a kiosk by typing the one-time code an Admin got on the Devices page (or from
/// <c>attendance device add NAME --kiosk</c>): the code is exchanged for the kiosk's secret in an HttpOnly cookie.
/// Forms with antiforgery tokens; tries count against a pairing limit per address of their own.
/// </summary>
public static class KioskPairingEndpoints
{
    public static IEndpointRouteBuilder MapKioskPairing(this IEndpointRouteBuilder app)
    {
        app.MapPost("/kiosk/pairing", PairAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/kiosk/forget", Forget).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PairAsync([FromForm] string? code, HttpContext context, DeviceService devices, SecurityLimiters limiters,
        TimeProvider time, ILoggerFactory loggers)
    {
        if (limiters.PairingByAddress.Count(AttemptLimiter.AddressKey(context.Connection.RemoteIpAddress)) is not null)
        {
            return Results.LocalRedirect("~/kiosk/pair?failed=wait");
        }
        var paired = await devices.PairAsync(code, context.RequestAborted);
        var logger = loggers.CreateLogger(typeof(KioskPairingEndpoints));
        if (!paired.Succeeded)
        {
            logger.LogWarning("A kiosk pairing code was refused");
            return Results.LocalRedirect("~/kiosk/pair?failed=code");
        }
        logger.LogInformation("Kiosk {Device} paired", paired.Name);
        KioskDeviceAuthenticationHandler.SetCookie(context, paired.Secret!, time.GetUtcNow());
        return Results.LocalRedirect("~/kiosk");
    }

    /// <summary>
    /// The kiosk's exit: this tablet forgets it was a kiosk, only with the pass the exit dialog issued after an
    /// Admin's e-mail and password (valid one minute), so a passer-by cannot unpair it.
    /// </summary>
    private static IResult Forget([FromForm] string? pass, HttpContext context, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection)
    {
        if (!KioskExitPass.IsValid(protection, pass)) return Results.LocalRedirect("~/kiosk");
        KioskDeviceAuthenticationHandler.ClearCookie(context);
        return Results.LocalRedirect("~/Account/Login");
    }
}
