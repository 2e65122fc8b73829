using AttendanceBlazor.Application.Audit;
using System.Net;
using AttendanceBlazor.Web.Components.Dashboard;
using AttendanceBlazor.Web.Components.Me;
using AttendanceBlazor.Web.Components.People;
using AttendanceBlazor.Web.Components.Records;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>The pages HR works in, rendered with the real services over a real SQLite file. Obama registers at 08:00 Berlin time.</summary>
public sealed class HrPagesTests : ComponentTestContext
{
    private async Task<int> RegisterAsync(string photo = "enroll/obama/1.jpg", string name = "Barack Obama")
    {
        var api = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form(photo, name))).StatusCode);
        await using var db = App.Db();
        return (await db.People.SingleAsync(p => p.DisplayName == name)).Id;
    }

    [Fact]
    public async Task HrClosesAForgottenCheckOutInTheDialogWithAReasonAndTheAuditShowsIt()
    {
        await RegisterAsync();
        App.Time.Advance(TimeSpan.FromHours(10));
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AttendancePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.record-open")));

        page.Find("button[aria-label='Close or correct the record of Barack Obama']").Click();
        // Times in the reader's own style, not the browser's date field.
        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("input").Count));
        Assert.Equal("2 Mar 2026 08:00", dialogs.FindAll("input")[0].GetAttribute("value"));
        Assert.Empty(dialogs.FindAll("input[type=datetime-local]"));
        dialogs.FindAll("input")[1].Input("2 Mar 2026 17:00");
        var save = dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save");
        Assert.True(save.HasAttribute("disabled"), "Save must wait for a reason");
        dialogs.Find("textarea").Input("forgot to check out");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr.record-open")));
        Assert.Contains("2 Mar 2026 17:00", page.Markup);
        Assert.Contains("9h 00m", page.Markup);
        await using var db = App.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "close-record");
        Assert.Equal(("hr@example.com", "forgot to check out"), (audit.UserName, audit.Reason));
    }

    [Fact]
    public async Task AnEditThatLostARaceShowsTheConflictInTheDialogAndSavesNothing()
    {
        await RegisterAsync();
        App.Time.Advance(TimeSpan.FromHours(10));
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AttendancePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.record-open")));
        page.Find("button[aria-label='Close or correct the record of Barack Obama']").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("textarea")));

        // Someone else closes the record while this dialog is open.
        await using (var db = App.Db())
        {
            var record = await db.AttendanceRecords.SingleAsync();
            var other = await App.Services.GetRequiredService<RecordsService>().CorrectAsync(record.Id, record.Version,
                new DateTime(2026, 3, 2, 8, 0, 0), new DateTime(2026, 3, 2, 16, 0, 0), "other HR person", new Actor(null, "other@example.com"));
            Assert.True(other.Succeeded, other.ToString());
        }
        // ISO, as a spreadsheet writes it, is understood too.
        dialogs.FindAll("input")[1].Input("2026-03-02 17:30");
        dialogs.Find("textarea").Input("my correction");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Someone else changed this while you were editing it", dialogs.Find("[role=alert]").TextContent));
        await using var check = App.Db();
        Assert.Equal(new DateTime(2026, 3, 2, 15, 0, 0), (await check.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Fact]
    public async Task HrRenamesAPersonFromThePeopleGrid()
    {
        await RegisterAsync(name: "Barak Obama");
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => Assert.Contains("Barak Obama", page.Find("tbody").TextContent));
        Assert.NotEmpty(page.FindAll("img.person-face"));

        page.Find("button[aria-label='Actions for Barak Obama']").Click();
        popovers.WaitForAssertion(() => Assert.Contains("Rename", popovers.Markup));
        popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Rename").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input")));
        dialogs.FindAll("input")[0].Input("Barack Obama");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Rename").Click();

        page.WaitForAssertion(() => Assert.Contains("Barack Obama", page.Find("tbody").TextContent));
        await using var db = App.Db();
        Assert.Equal("hr@example.com", (await db.AuditEntries.SingleAsync(a => a.Action == "rename")).UserName);
    }

    [Fact]
    public async Task DeactivateAsksFirstSaysThePersonIsCheckedInAndCancelChangesNothing()
    {
        var id = await RegisterAsync();
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => Assert.Contains("Barack Obama", page.Find("tbody").TextContent));

        void Open()
        {
            page.Find("button[aria-label='Actions for Barack Obama']").Click();
            popovers.WaitForAssertion(() => Assert.Contains("Deactivate", popovers.Markup));
            popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Deactivate…").Click();
            dialogs.WaitForAssertion(() => Assert.Contains("is checked in now", dialogs.Markup));
        }

        Open();
        await using (var db = App.Db())
        {
            Assert.True((await db.People.SingleAsync(p => p.Id == id)).IsActive);
        }
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        await using (var db = App.Db())
        {
            Assert.True((await db.People.SingleAsync(p => p.Id == id)).IsActive);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.Deactivate));
        }

        Open();
        dialogs.Find("input").Input("left the company");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Deactivate").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        await using var after = App.Db();
        Assert.False((await after.People.SingleAsync(p => p.Id == id)).IsActive);
        Assert.Equal("left the company", (await after.AuditEntries.SingleAsync(a => a.Action == AuditActions.Deactivate)).Reason);
    }

    [Fact]
    public async Task GivingAPinLeavesTheFaceUnlessHrTicksTheErasure()
    {
        var id = await RegisterAsync();
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => Assert.Contains("Barack Obama", page.Find("tbody").TextContent));
        page.Find("button[aria-label='Actions for Barack Obama']").Click();
        popovers.WaitForAssertion(() => Assert.Contains("Give a PIN", popovers.Markup));
        popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Give a PIN").Click();
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("input[type=password]")));

        Assert.False(dialogs.Find("input[type=checkbox]").HasAttribute("checked"));
        dialogs.Find("input[type=password]").Input("583920");
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Set PIN").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        await using var db = App.Db();
        Assert.NotNull((await db.People.SingleAsync(p => p.Id == id)).PinHash);
        Assert.True(await db.FaceTemplates.AnyAsync(t => t.PersonId == id));
    }

    [Fact]
    public async Task TheDashboardShowsWhoIsInAndTodaysCheckIns()
    {
        await RegisterAsync();
        App.Time.Advance(TimeSpan.FromMinutes(30));
        await RegisterAsync("enroll/biden/1.jpg", "Joe Biden");
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=in-now]").TextContent.Trim()));
        Assert.Equal("2", page.Find("[data-testid=check-ins-today]").TextContent.Trim());
        var whoIsIn = page.Find("[aria-label='Who is in']").TextContent;
        Assert.Contains("Barack Obama", whoIsIn);
        Assert.Contains("since 08:30", whoIsIn);
        Assert.NotEmpty(page.FindAll("svg"));
    }

    [Theory]
    [InlineData("Admin", true)]
    [InlineData("HR", false)]
    public async Task TheDashboardTellsAdminsThatAWebhookEndpointWasDisabled(string role, bool told)
    {
        var webhooks = App.Services.GetRequiredService<Application.Integrations.WebhookService>();
        var added = await webhooks.AddAsync("https://hooks.example.com/attendance", "*", new Actor(null, "admin@example.com"));
        await using (var db = App.Db())
        {
            await db.WebhookEndpoints.Where(e => e.Id == int.Parse(added.CreatedId!, System.Globalization.CultureInfo.InvariantCulture))
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Enabled, false));
        }
        AddAuthorization().SetAuthorized("someone@example.com").SetRoles(role);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=in-now]")));
        var alert = page.FindAll("[data-testid=webhooks-disabled]");
        Assert.Equal(told, alert.Count == 1);
        if (told) Assert.Contains("1 webhook endpoints were disabled", alert[0].TextContent);
    }

    [Fact]
    public async Task AnEmployeeSeesOnlyTheirOwnRecordsAtMe()
    {
        var obama = await RegisterAsync();
        App.Time.Advance(TimeSpan.FromMinutes(5));
        await RegisterAsync("enroll/biden/1.jpg", "Joe Biden");
        var user = await App.CreateUserAsync("barack@example.com", "Employee");
        await using (var db = App.Db())
        {
            (await db.People.SingleAsync(p => p.Id == obama)).UserId = user.Id;
            await db.SaveChangesAsync();
        }
        App.Time.Advance(TimeSpan.FromHours(2));
        AddAuthorization().SetAuthorized("barack@example.com").SetRoles("Employee")
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id));

        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var page = Render<MyAttendance>();

        page.WaitForAssertion(() => Assert.Contains("2 Mar 2026 08:00", page.Markup));
        Assert.DoesNotContain("08:05", page.Markup);
        Assert.Equal("2.1 h", page.FindAll("[data-testid=week-hours]")[0].TextContent.Trim());
    }

    [Fact]
    public async Task AfterAnAutomaticCheckOutMeAsksWhenThePersonLeftWithoutACheckInFirst()
    {
        var obama = await RegisterAsync();
        var user = await App.CreateUserAsync("barack@example.com", "Employee");
        await using (var db = App.Db())
        {
            (await db.People.SingleAsync(p => p.Id == obama)).UserId = user.Id;
            await db.SaveChangesAsync();
        }
        App.Time.Advance(TimeSpan.FromHours(18));
        Assert.Equal(1, await App.Services.GetRequiredService<Application.Jobs.AutoCheckout>().CloseForgottenAsync());
        AddAuthorization().SetAuthorized("barack@example.com").SetRoles("Employee")
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        var page = Render<MyAttendance>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=forgotten-on-me]")));
        // Answered once (here, by HR's list or at a check-in), it is not asked again.
        var record = await App.Db().AttendanceRecords.SingleAsync();
        var answer = await App.Services.GetRequiredService<Application.CheckIn.ForgottenCheckOuts>().AnswerAsync(obama, record.Id, new DateTime(2026, 3, 2, 17, 0, 0),
            Data.Entities.AttendanceSource.Personal, "personal", new Actor(user.Id, "barack@example.com"));
        Assert.True(answer.Succeeded, answer.ToString());
        var again = Render<MyAttendance>();
        again.WaitForAssertion(() => Assert.Contains("2 Mar 2026 08:00", again.Markup));
        Assert.Empty(again.FindAll("[data-testid=forgotten-on-me]"));
    }

    [Fact]
    public void AnAccountNotLinkedToAPersonIsToldToAskHr()
    {
        AddAuthorization().SetAuthorized("new@example.com").SetRoles("Employee")
            .SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "no-such-user"));
        var page = Render<MyAttendance>();
        page.WaitForAssertion(() => Assert.Contains("not linked to a person yet", page.Markup));
    }

    [Fact]
    public async Task TheLastAdminCannotLoseTheAdminRole()
    {
        var admin = await App.CreateUserAsync("admin@example.com", "Admin");
        var users = App.Services.GetRequiredService<AccountService>();

        var refused = await users.SetRolesAsync(admin.Id, ["HR"], new Actor(admin.Id, "admin@example.com"));
        await users.CreateAsync("second@example.com", SignIn.Password, ["Admin"], new Actor(admin.Id, "admin@example.com"));
        var allowed = await users.SetRolesAsync(admin.Id, ["HR"], new Actor(admin.Id, "admin@example.com"));

        Assert.False(refused.Succeeded);
        Assert.Equal(Outcome.LastAdmin, refused.Outcome);
        Assert.True(allowed.Succeeded, allowed.ToString());
        await using var db = App.Db();
        Assert.Equal(["user-create", "user-roles"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task AnAdminSetsANewPasswordForAForgottenOneAndAWeakOneIsRefused()
    {
        var admin = new Actor(null, "admin@example.com");
        var user = await App.CreateUserAsync("forgetful@example.com", "Employee");
        var users = App.Services.GetRequiredService<AccountService>();

        var weak = await users.SetPasswordAsync(user.Id, "short", admin);
        var good = await users.SetPasswordAsync(user.Id, "A-much-better-one-42", admin);

        Assert.False(weak.Succeeded);
        Assert.Equal(Outcome.AccountRefused, weak.Outcome);
        Assert.Contains("at least 10 characters", weak.Detail);
        Assert.True(good.Succeeded, good.ToString());
        using var scope = App.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Entities.ApplicationUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByIdAsync(user.Id))!, "A-much-better-one-42"));
        await using var db = App.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user-password-set"));
    }

    [Fact]
    public async Task HrAddsAFaceSampleTakenWithTheCamera()
    {
        var id = await RegisterAsync();
        var module = KioskTests.CameraModule(JSInterop);
        module.Setup<Microsoft.JSInterop.IJSStreamReference?>("capture", _ => true)
            .SetResult(new PhotoStreamReference(File.ReadAllBytes(TestFaces.PathOf("enroll/obama/2.jpg"))));
        AddAuthorization().SetAuthorized("hr@example.com").SetRoles("HR");
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeoplePage>();
        page.WaitForAssertion(() => Assert.Contains("Barack Obama", page.Find("tbody").TextContent));

        page.Find("button[aria-label='Actions for Barack Obama']").Click();
        popovers.WaitForAssertion(() => Assert.Contains("Add face sample", popovers.Markup));
        popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Add face sample").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Use the camera", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Use the camera").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Take the picture", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Take the picture").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("camera still", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Add sample").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Equal("2", page.FindAll("tbody td")[3].TextContent.Trim()));
        await using var db = App.Db();
        Assert.Equal(2, await db.FaceTemplates.CountAsync(t => t.PersonId == id));
        module.VerifyInvoke("stop");
    }
}
