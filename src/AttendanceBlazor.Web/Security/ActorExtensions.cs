using AttendanceBlazor.Application.Audit;
using Microsoft.AspNetCore.Components.Authorization;

namespace AttendanceBlazor.Web.Security;

public static class ActorExtensions
{
    /// <summary>The signed-in user of a component, from its cascading authentication state.</summary>
    public static async Task<Actor> ActorAsync(this Task<AuthenticationState>? authenticationState) =>
        Actor.From(authenticationState is null ? new System.Security.Claims.ClaimsPrincipal() : (await authenticationState).User);
}
