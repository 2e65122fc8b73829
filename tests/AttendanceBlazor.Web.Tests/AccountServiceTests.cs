using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>Deleting and disabling accounts: only by an Admin's decision, never the last Admin or oneself, always audited.</summary>
public sealed class AccountServiceTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AccountService Accounts => _app.Services.GetRequiredService<AccountService>();
    private Actor _admin = default!;
    private int _obama;
    private string _employee = "";

    public async Task InitializeAsync()
    {
        var admin = await _app.CreateUserAsync("admin@example.com", Roles.Admin);
        _admin = new Actor(admin.Id, admin.Email!);
        _employee = (await _app.CreateUserAsync("obama@example.com", Roles.Employee)).Id;
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await using var db = _app.Db();
        _obama = (await db.People.SingleAsync()).Id;
        Assert.True((await Accounts.LinkPersonAsync(_employee, _obama, _admin)).Succeeded);
    }

    [Fact]
    public async Task DeletingAnAccountKeepsThePersonsDataUnlessHrDecidesToEraseIt()
    {
        var kept = await Accounts.DeleteAsync(_employee, erasePerson: false, "left; records kept for payroll", _admin);

        Assert.True(kept.Succeeded, kept.ToString());
        await using var db = _app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Id == _employee));
        var person = await db.People.SingleAsync();
        Assert.Null(person.UserId);
        Assert.Equal(1, await db.FaceTemplates.CountAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "user-delete");
        Assert.Equal((_employee, "admin@example.com", "left; records kept for payroll"), (audit.EntityId, audit.UserName, audit.Reason));
    }

    [Fact]
    public async Task DeletingAnAccountWithErasureErasesTheLinkedPersonAsThePeoplePageDoes()
    {
        var erased = await Accounts.DeleteAsync(_employee, erasePerson: true, "asked to be forgotten", _admin);

        Assert.True(erased.Succeeded, erased.ToString());
        await using var db = _app.Db();
        Assert.False(await db.People.AnyAsync());
        Assert.False(await db.FaceTemplates.AnyAsync());
        Assert.False(await db.AttendanceRecords.AnyAsync());
        Assert.Equal(["delete", "user-delete"], await db.AuditEntries.Where(a => a.Action == "delete" || a.Action == "user-delete").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        var probe = await (await _app.ApiClientAsync()).PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, probe.StatusCode); // an unknown face again
    }

    [Fact]
    public async Task TheLastAdminAndOnesOwnAccountCannotBeDeletedOrDisabled()
    {
        var self = await Accounts.DeleteAsync(_admin.UserId!, false, "tidy up", _admin);
        var byOther = await Accounts.DeleteAsync(_admin.UserId!, false, "tidy up", new Actor(null, "cli:root"));
        var disabled = await Accounts.SetDisabledAsync(_admin.UserId!, true, new Actor(null, "cli:root"));
        var noReason = await Accounts.DeleteAsync(_employee, false, " ", _admin);

        Assert.Equal((Outcome.OwnAccount, Outcome.LastAdmin, Outcome.LastAdmin, Outcome.ReasonRequired), (self.Outcome, byOther.Outcome, disabled.Outcome, noReason.Outcome));
        await using var db = _app.Db();
        Assert.Equal(2, await db.Users.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "user-delete" || a.Action == "user-disable"));
    }

    [Fact]
    public async Task ADisabledAccountCannotSignIn()
    {
        Assert.True((await Accounts.SetDisabledAsync(_employee, true, _admin)).Succeeded);

        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await SignIn.PostLoginAsync(client, "obama@example.com", SignIn.Password);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Invalid login attempt", await login.Content.ReadAsStringAsync());
        Assert.True((await Accounts.SetDisabledAsync(_employee, false, _admin)).Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(client, "obama@example.com", SignIn.Password)).StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
