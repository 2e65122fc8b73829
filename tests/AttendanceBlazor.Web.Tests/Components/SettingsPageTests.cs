using AttendanceBlazor.Web.Components.Settings;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests.Components;

public sealed class SettingsPageTests : ComponentTestContext
{
    private static readonly Actor Admin = new(null, "admin@example.com");

    [Fact]
    public async Task SavingANewDuplicateWindowAppliesItAndAuditsTheChange()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles("Admin");
        var page = Render<SettingsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("input")));

        var label = page.FindAll("label").Single(l => l.TextContent.Trim() == "Duplicate window (seconds)");
        page.Find($"input[id='{label.GetAttribute("for")}']").Input("120");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved.", page.Markup));
        var effective = await App.Services.GetRequiredService<AttendanceSettings>().GetAsync();
        Assert.Equal(TimeSpan.FromSeconds(120), effective.DuplicateWindow);
        await using var db = App.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "settings-change");
        Assert.Equal("admin@example.com", audit.UserName);
        Assert.Contains("\"DuplicateWindowSeconds\":120", audit.NewValues);
    }

    [Fact]
    public async Task AnOutOfRangeThresholdIsRefusedWithTheReasonAndNothingChanges()
    {
        var settings = App.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.MatchThreshold = 5;
        var failure = await settings.SaveAsync(form, Admin);
        Assert.Equal([SettingsProblem.MatchThresholdOutOfRange], failure.SettingsProblems);
        Assert.Contains("between 0.20 and 0.70", Web.Text.OutcomeText.Describe(Web.Localization.English.Instance, failure));
        Assert.Equal(0.6, (await App.Services.GetRequiredService<AttendanceSettings>().GetAsync()).MatchThreshold, 3);
    }

    [Fact]
    public async Task TwoPeopleSavingAtOnceGetAConflictNotASilentOverwrite()
    {
        var settings = App.Services.GetRequiredService<SettingsService>();
        var first = await settings.LoadAsync();
        var second = await settings.LoadAsync();
        first.DuplicateWindowSeconds = 30;
        second.DuplicateWindowSeconds = 300;

        Assert.True((await settings.SaveAsync(first, Admin)).Succeeded);
        var conflict = await settings.SaveAsync(second, Admin);

        Assert.Equal(Outcome.EditConflict, conflict.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), (await App.Services.GetRequiredService<AttendanceSettings>().GetAsync()).DuplicateWindow);
    }
}
