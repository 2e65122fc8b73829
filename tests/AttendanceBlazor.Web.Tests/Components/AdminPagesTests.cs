using MudBlazor;
using System.Net;
using AttendanceBlazor.Data;
using AttendanceBlazor.Web.Components.Audit;
using AttendanceBlazor.Web.Components.Settings;
using Bunit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests.Components;

public sealed class DevicesPageTests : ComponentTestContext
{
    [Fact]
    public async Task CreatingADeviceShowsItsKeyOnceStoresOnlyTheHashAndAudits()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");
        var page = Render<Devices>();

        page.Find(".key-name input").Input("Front door");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        page.WaitForAssertion(() => Assert.Contains("shown only now", page.Markup));
        var key = page.Find("code.device-key").TextContent.Trim();
        Assert.StartsWith("att_", key);
        Assert.Contains("Front door", page.Find("table").TextContent);
        await using var db = App.Db();
        var device = await db.Devices.SingleAsync();
        Assert.Equal(DeviceKeys.Hash(key), device.KeyHash);
        Assert.Equal("admin@example.com", (await db.AuditEntries.SingleAsync(a => a.Action == "device-create")).UserName);

        // Rendering the page again never shows the key.
        var again = Render<Devices>();
        Assert.DoesNotContain(key, again.Markup);
    }

    [Fact]
    public async Task RevokingADeviceAsksFirstThenDisablesItsKey()
    {
        var key = await App.CreateKeyAsync(Data.Entities.DeviceScopes.ReadAttendance, "old-kiosk");
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Devices>();

        // One click only asks: cancelled, the key still works.
        page.Find("button[aria-label='Revoke old-kiosk']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be turned back on", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        await using (var before = App.Db()) Assert.NotNull(await DeviceKeys.FindAsync(before, key));

        page.Find("button[aria-label='Revoke old-kiosk']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be turned back on", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find("table").TextContent));
        await using var db = App.Db();
        Assert.Null(await DeviceKeys.FindAsync(db, key));
    }

    [Fact]
    public async Task DisablingAnAccountAsksFirstAndEnablingDoesNot()
    {
        var user = await App.CreateUserAsync("leaver@example.com", Application.Accounts.Roles.Employee);
        await App.CreateUserAsync("admin@example.com", Application.Accounts.Roles.Admin);
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AttendanceBlazor.Web.Components.Users.UsersPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Disable leaver@example.com']"));

        page.Find("button[aria-label='Disable leaver@example.com']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("open pages close within a minute", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        await using (var db = App.Db()) Assert.Null((await db.Users.SingleAsync(u => u.Id == user.Id)).LockoutEnd);

        page.Find("button[aria-label='Disable leaver@example.com']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("open pages close within a minute", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").Click();
        page.WaitForAssertion(() => page.Find("button[aria-label='Enable leaver@example.com']"));
        await using (var db = App.Db()) Assert.NotNull((await db.Users.SingleAsync(u => u.Id == user.Id)).LockoutEnd);

        // Enabling is undone as easily as it is done: no question.
        page.Find("button[aria-label='Enable leaver@example.com']").Click();
        page.WaitForAssertion(() => page.Find("button[aria-label='Disable leaver@example.com']"));
    }

    [Fact]
    public void TheSameNameTwiceIsRefusedWithAReason()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");
        var page = Render<Devices>();
        for (var i = 0; i < 2; i++)
        {
            page.Find(".key-name input").Input("Lobby");
            page.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();
        }
        page.WaitForAssertion(() => Assert.Contains("already exists", page.Markup));
    }
}

public sealed class AuditLogPageTests : ComponentTestContext
{
    [Fact]
    public async Task TheAuditLogListsChangesNewestFirstAndFilters()
    {
        var api = await App.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        int id;
        await using (var db = App.Db()) id = (await db.People.SingleAsync()).Id;
        var people = App.Services.GetRequiredService<PeopleService>();
        Assert.True((await people.RenameAsync(id, "Barack H. Obama", new Actor(null, "hr@example.com"), "full name")).Succeeded);
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");

        var page = Render<Web.Components.Audit.AuditLog>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Contains("Renamed", page.FindAll("tbody tr")[0].TextContent);
        Assert.Contains("full name", page.FindAll("tbody tr")[0].TextContent);
        Assert.Contains("Registered", page.FindAll("tbody tr")[1].TextContent);
        // Entries name the person by today's name, not by an id; the rename reads as the change it made.
        Assert.Contains("Barack H. Obama", page.FindAll("tbody tr")[1].TextContent);
        Assert.DoesNotContain($"person {id}", page.Markup);
        Assert.Contains("Barack Obama → Barack H. Obama", page.FindAll("tbody tr")[0].TextContent);

        page.Find("input").Change("FULL NAME");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
    }
}

public sealed class AuditFaceViewsTests : ComponentTestContext
{
    [Fact]
    public async Task FaceViewsAreKeptButShownOnlyOnRequestSoTheyDoNotBuryTheCorrections()
    {
        var api = await App.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        int id;
        await using (var db = App.Db()) id = (await db.People.SingleAsync()).Id;
        await App.Services.GetRequiredService<Application.Audit.AccessAudit>().FaceViewedAsync(new Actor(null, "hr@example.com"), AuditEntities.Person, id);
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");

        var page = Render<Web.Components.Audit.AuditLog>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains("Registered", page.Find("tbody tr").TextContent);
        page.Find(".mud-switch input").Change(true);
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Contains("Face viewed", page.FindAll("tbody tr")[0].TextContent);
    }
}

public sealed class AuditValuesTests : BunitContext
{
    public AuditValuesTests() => Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Fact]
    public void ValuesReadAsLinesNamedInWordsWithNestedNamesJoinedAndTheStoredNameInTheTooltip()
    {
        var values = Render<AuditValues>(p => p.Add(v => v.After, "{\"person\":\"Ann <b>Lee</b>\",\"change\":{\"check_in\":\"2026-03-02 08:00:00\",\"check_out\":null}}"));

        var lines = values.FindAll(".audit-values div").Select(d => d.TextContent.Trim()).ToList();

        // A value never set (the check-out) is not a line of its own.
        Assert.Equal(["PersonAnn <b>Lee</b>", "Change › Check-in2026-03-02 08:00:00"], lines);
        Assert.Equal(["person", "change.check_in"], values.FindAll(".audit-values dt").Select(d => d.GetAttribute("title")));
        Assert.Empty(values.FindAll("b"));
    }

    [Fact]
    public void AChangeReadsAsBeforeAndAfterWithYesNoRolesAndKiosksInWords()
    {
        var values = Render<AuditValues>(p => p
            .Add(v => v.Before, "{\"check_in\":\"2026-03-02 08:00:00\",\"enabled\":true,\"roles\":[\"Employee\"],\"pin\":\"set\"}")
            .Add(v => v.After, "{\"check_in\":\"2026-03-02 07:45:00\",\"enabled\":false,\"roles\":[\"HR\",\"Employee\"],\"device\":\"kiosk:front@example.com\"}"));

        var lines = values.FindAll(".audit-values div").Select(d => d.TextContent.Trim()).ToList();

        Assert.Equal([
            "Check-in2026-03-02 08:00:00 → 2026-03-02 07:45:00",
            "ActiveYes → No",
            "RolesEmployee → HR, Employee",
            "DeviceKiosk (front@example.com)",
            "Pinset → (none)",
        ], lines);
        Assert.DoesNotContain("true", values.Markup);
    }

    [Fact]
    public void AValueAtAnotherDepthAfterTheChangeIsPairedWithItsOldValue()
    {
        // What a correction writes: the old time at the top, the new one under "change", with the person beside it.
        var values = Render<AuditValues>(p => p
            .Add(v => v.Before, "{\"check_in\":\"2026-06-01 08:30:00\"}")
            .Add(v => v.After, "{\"person\":\"Ann Lee\",\"change\":{\"check_in\":\"2026-06-01 08:00:00\"},\"quality\":0.9746961}"));

        var lines = values.FindAll(".audit-values div").Select(d => d.TextContent.Trim()).ToList();

        Assert.Equal(["PersonAnn Lee", "Change › Check-in2026-06-01 08:30:00 → 2026-06-01 08:00:00", "Quality0.97"], lines);
    }

    [Fact]
    public void SomethingThatIsNotJsonIsShownAsItIs()
    {
        var values = Render<AuditValues>(p => p.Add(v => v.After, "not json"));
        Assert.Equal("not json", values.Find(".audit-raw").TextContent);
    }
}

public sealed class AdminPagesAccessTests : IDisposable
{
    private readonly AppFactory _app = new();

    [Theory]
    [InlineData("/admin/devices")]
    [InlineData("/admin/audit")]
    [InlineData("/kiosk")]
    public async Task AnonymousVisitorsAreSentToLogIn(string path)
    {
        // An account must exist, or every page leads to the first-run setup instead.
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Entities.ApplicationUser>>();
            await users.CreateAsync(new Data.Entities.ApplicationUser { UserName = "a@example.com", Email = "a@example.com", EmailConfirmed = true }, "Password-123456");
        }
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
    }

    public void Dispose() => _app.Dispose();
}

/// <summary>The audit page in words: actions, lists and accounts as a person reads them, the stored values unchanged.</summary>
public sealed class AuditWordsTests : ComponentTestContext
{
    [Fact]
    public async Task TheAuditPageShowsActionsListsAndAccountsInWords()
    {
        var admin = new Actor(null, "admin@example.com");
        var created = await App.Services.GetRequiredService<AccountService>().CreateAsync("ann@example.com", "Ann-Password-1", ["HR", "Employee"], admin);
        Assert.True(created.Succeeded, created.ToString());
        var api = await App.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        int id;
        await using (var db = App.Db()) id = (await db.People.SingleAsync()).Id;
        Assert.True((await App.Services.GetRequiredService<PeopleService>().LinkAccountAsync(id, created.CreatedId, admin)).Succeeded);
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");

        var page = Render<Web.Components.Audit.AuditLog>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tbody tr").Count));
        var link = page.FindAll("tbody tr")[0].TextContent;
        Assert.Contains("Account linked", link);
        Assert.Contains("ann@example.com", link);
        Assert.DoesNotContain(created.CreatedId!, link);
        var account = page.FindAll("tbody tr")[2].TextContent;
        Assert.Contains("Account created", account);
        Assert.Contains("HR, Employee", account);
        Assert.DoesNotContain("[\"HR\"", account);
        // The stored entry keeps its machine-readable action and values.
        await using var check = App.Db();
        Assert.Equal(AuditActions.LinkAccount, (await check.AuditEntries.OrderByDescending(a => a.Id).FirstAsync()).Action);
    }
}

/// <summary>The command line and the web app are one application: what the CLI changes, the Audit page shows.</summary>
public sealed class CommandLineAuditTests : ComponentTestContext
{
    [Fact]
    public async Task DeviceAddAndRevokeAtTheCommandLineAppearOnTheAuditPage()
    {
        var console = new Cli.CliConsole(new StringReader(""), new StringWriter(), new StringWriter(), _ => null) { Interactive = false };
        Assert.Equal(0, await Cli.CliApp.RunAsync(["device", "add", "Front door"], console, _ => App.Services));
        Assert.Equal(0, await Cli.CliApp.RunAsync(["device", "revoke", "Front door"], console, _ => App.Services));
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");

        var page = Render<Web.Components.Audit.AuditLog>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Contains("Device key revoked", page.FindAll("tbody tr")[0].TextContent);
        Assert.Contains("Device key created", page.FindAll("tbody tr")[1].TextContent);
        Assert.All(page.FindAll("tbody tr"), row => Assert.Contains("cli:", row.TextContent));
        Assert.Contains("Front door", page.FindAll("tbody tr")[1].TextContent);
    }
}

