using System.Security.Claims;
using AttendanceBlazor.Web.Components.Kiosk;
using AttendanceBlazor.Web.Security;
using Bunit;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>
/// One paired kiosk may have only so many kiosk pages open at once (RateLimits:CircuitsPerKiosk), so one kiosk cookie
/// cannot open a hundred pages and make the server hold a hundred bursts: the page beyond the limit says why and
/// records nothing, and a place comes free when a page goes.
/// </summary>
public sealed class KioskPageLimitTests : ComponentTestContext
{
    protected override void ConfigureApp(Dictionary<string, string?> settings) => settings["RateLimits:CircuitsPerKiosk"] = "1";

    [Fact]
    public async Task AKioskPageBeyondThePairedKiosksLimitIsRefusedWithAMessageThatSaysWhyAndAPlaceComesFreeWhenAPageGoes()
    {
        AddAuthorization().SetAuthorized("Lobby tablet").SetRoles("Kiosk")
            .SetClaims(new Claim(KioskDeviceAuthenticationHandler.DeviceClaim, "7"), new Claim(ClaimTypes.NameIdentifier, "kiosk-device:7"));
        var camera = KioskTests.CameraModule(JSInterop);
        JSInterop.SetupModule("./Components/Kiosk/Kiosk.razor.js").SetupVoid("listenForSpace", _ => true).SetVoidResult();

        var first = Render<Kiosk>();
        first.WaitForAssertion(() => Assert.Equal(KioskState.Ready, first.Instance.State));
        var second = Render<Kiosk>();

        second.WaitForAssertion(() => Assert.Contains("already open on other screens (1 at most at once)", second.Find("[data-testid=kiosk-crowded]").TextContent));
        Assert.Empty(second.FindAll("button"));
        // The refused page never started its camera: only the first asked for it.
        Assert.Single(camera.Invocations["start"]);

        await DisposeComponentsAsync();
        var third = Render<Kiosk>();
        third.WaitForAssertion(() => Assert.Equal(KioskState.Ready, third.Instance.State));
        Assert.Empty(third.FindAll("[data-testid=kiosk-crowded]"));
    }
}
