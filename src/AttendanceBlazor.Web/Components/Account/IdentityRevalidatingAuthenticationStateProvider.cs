using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using AttendanceBlazor.Data.Entities;

namespace AttendanceBlazor.Web.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the security stamp for the connected user
// every minute an interactive circuit is connected, so a removed role or a disabled account ends open pages soon
// (one query per circuit a minute).
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        // A paired kiosk is a device: it stays valid while its Devices row is not revoked.
        if (AttendanceBlazor.Web.Security.KioskDeviceAuthenticationHandler.DeviceId(authenticationState.User) is { } device)
        {
            return await scope.ServiceProvider.GetRequiredService<AttendanceBlazor.Application.Devices.DeviceService>().IsActiveKioskAsync(device, cancellationToken);
        }
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (!await ValidateSecurityStampAsync(userManager, authenticationState.User)) return false;
        // Signed in through the identity provider: the provider must still know the person.
        return await userManager.GetUserAsync(authenticationState.User) is not { } user
            || await scope.ServiceProvider.GetRequiredService<AttendanceBlazor.Web.Security.ProviderCheck>().StillKnownAsync(user, cancellationToken);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
