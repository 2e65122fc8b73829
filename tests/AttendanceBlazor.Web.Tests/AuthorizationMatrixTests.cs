using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// Every page and download against every kind of caller: anonymous, each role, and device keys of each scope.
/// "ok" is 200; "login" a redirect to the login page; "denied" a redirect to Access denied.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    private static readonly string[] Callers = ["anonymous", "Employee", "HR", "Admin", "Kiosk", "key:check-in", "key:read"];

    // Columns follow Callers.
    private static readonly (string Path, string[] Expected)[] Matrix =
    [
        ("/",                            ["ok",    "ok",     "ok",     "ok", "kiosk",  "ok",    "ok"]),
        ("/kiosk",                       ["login", "denied", "denied", "ok", "ok",     "login", "login"]),
        ("/dashboard",                   ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/attendance",            ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/people",                ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/audit",                 ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/users",                 ["login", "denied", "denied", "ok", "denied", "login", "login"]),
        ("/admin/devices",               ["login", "denied", "denied", "ok", "denied", "login", "login"]),
        ("/admin/settings",              ["login", "denied", "denied", "ok", "denied", "login", "login"]),
        ("/admin/integrations",          ["login", "denied", "denied", "ok", "denied", "login", "login"]),
        ("/admin/months",                ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/people/{id}/time",      ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/months/2026-02/payroll.csv", ["login", "denied", "ok", "ok", "denied", "login", "login"]),
        ("/me",                          ["login", "ok",     "ok",     "ok", "kiosk",  "login", "login"]),
        ("/admin/attendance.csv",        ["login", "denied", "ok",     "ok", "denied", "login", "login"]),
        ("/admin/people/{id}/export.json", ["login", "denied", "ok",   "ok", "denied", "login", "login"]),
        ("/me/export.json",              ["login", "ok",     "notfound", "notfound", "notfound", "login", "login"]),
        // A person's own account pages; never a kiosk's shared account (it could add its own passkey or 2FA).
        ("/Account/Manage",                          ["login", "ok", "ok", "ok", "denied", "login", "login"]),
        ("/Account/Manage/ChangePassword",           ["login", "ok", "ok", "ok", "denied", "login", "login"]),
        ("/Account/Manage/TwoFactorAuthentication",  ["login", "ok", "ok", "ok", "denied", "login", "login"]),
        ("/Account/Manage/EnableAuthenticator",      ["login", "ok", "ok", "ok", "denied", "login", "login"]),
        ("/Account/Manage/Passkeys",                 ["login", "ok", "ok", "ok", "denied", "login", "login"]),
    ];

    /// <summary>The template's pages and endpoints for flows the product does not have (email, registration, external logins, Identity's own personal data).</summary>
    public static TheoryData<string, string> RemovedAccountRoutes() => new()
    {
        { "GET", "/Account/Register" },
        { "GET", "/Account/RegisterConfirmation?email=admin@example.com" },
        { "GET", "/Account/ConfirmEmail?userId=x&code=y" },
        { "GET", "/Account/ConfirmEmailChange?userId=x&email=y&code=z" },
        { "GET", "/Account/ResendEmailConfirmation" },
        { "GET", "/Account/ForgotPassword" },
        { "GET", "/Account/ForgotPasswordConfirmation" },
        { "GET", "/Account/ResetPassword?code=x" },
        { "GET", "/Account/ResetPasswordConfirmation" },
        { "GET", "/Account/InvalidPasswordReset" },
        { "GET", "/Account/ExternalLogin" },
        { "GET", "/Account/Manage/Email" },
        { "GET", "/Account/Manage/ExternalLogins" },
        { "GET", "/Account/Manage/PersonalData" },
        { "GET", "/Account/Manage/DeletePersonalData" },
        { "GET", "/Account/Manage/SetPassword" },
        { "POST", "/Account/PerformExternalLogin" },
        { "POST", "/Account/Manage/LinkExternalLogin" },
        { "POST", "/Account/Manage/DownloadPersonalData" },
    };

    [Theory]
    [MemberData(nameof(RemovedAccountRoutes))]
    public async Task EveryRemovedAccountRouteAnswers404ToEveryone(string method, string path)
    {
        foreach (var caller in new[] { "anonymous", "Employee", "Admin", "Kiosk" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["provider"] = "x", ["returnUrl"] = "/" });
            var response = await _clients[caller].SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{caller} {method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task TheProfileAsksForNothingTheProductDoesNotUse()
    {
        var profile = await _clients["Employee"].GetStringAsync("/Account/Manage");
        Assert.Contains("Username", profile);
        Assert.DoesNotContain("Phone", profile, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnAddressWithNoPageAnswers404WithATitledPageThatLeadsBack()
    {
        foreach (var caller in new[] { "anonymous", "Employee", "Admin" })
        {
            var response = await _clients[caller].GetAsync("/no-such-page");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<title>Page not found</title>", html);
            Assert.Contains("Go to the start page", html);
            // Other methods: a bare 404 as well, never 405 (a catch-all for some methods made routing refuse the rest).
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
            {
                using var request = new HttpRequestMessage(method, "/no-such-page") { Content = new StringContent("") };
                Assert.Equal(HttpStatusCode.NotFound, (await _clients[caller].SendAsync(request)).StatusCode);
            }
        }
    }

    private readonly Dictionary<string, HttpClient> _clients = [];
    private int _personId;

    public async Task InitializeAsync()
    {
        _clients["anonymous"] = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var role in new[] { "Employee", "HR", "Admin", "Kiosk" })
        {
            await _app.CreateUserAsync($"{role.ToLowerInvariant()}@example.com", role);
            _clients[role] = await _app.SignedInClientAsync($"{role.ToLowerInvariant()}@example.com");
        }
        _clients["key:check-in"] = await _app.ApiClientAsync(DeviceScopes.CheckIn);
        _clients["key:read"] = await _app.ApiClientAsync(DeviceScopes.ReadAttendance);

        // The employee's account is linked to a person, so /me/export.json has something to give them.
        var employee = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await employee.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        await using var db = _app.Db();
        var person = db.People.Single();
        person.UserId = db.Users.Single(u => u.Email == "employee@example.com").Id;
        await db.SaveChangesAsync();
        _personId = person.Id;
    }

    public static TheoryData<string> Paths() => [.. Matrix.Select(m => m.Path)];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EachCallerGetsExactlyWhatItsRoleAllows(string path)
    {
        var expected = Matrix.Single(m => m.Path == path).Expected;
        var url = path.Replace("{id}", _personId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var failures = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            var response = await _clients[Callers[i]].GetAsync(url);
            var location = response.Headers.Location?.ToString() ?? "";
            var actual = response.StatusCode switch
            {
                HttpStatusCode.OK => "ok",
                HttpStatusCode.NotFound => "notfound",
                HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) => "login",
                HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) => "denied",
                // A Kiosk account is led back to the kiosk from every other page.
                HttpStatusCode.Redirect or HttpStatusCode.Found when location.EndsWith("/kiosk", StringComparison.OrdinalIgnoreCase) => "kiosk",
                _ => $"{(int)response.StatusCode} {location}",
            };
            if (actual != expected[i]) failures.Add($"{Callers[i]}: expected {expected[i]}, got {actual}");
        }
        Assert.True(failures.Count == 0, $"{url}: {string.Join("; ", failures)}");
    }

    [Fact]
    public async Task AnEmployeeDownloadsOnlyTheirOwnData()
    {
        var json = await _clients["Employee"].GetStringAsync("/me/export.json");
        Assert.Contains("\"name\": \"Barack Obama\"", json);
        // Another person's export is HR's business, not the employee's.
        var other = await _clients["Employee"].GetAsync($"/admin/people/{_personId}/export.json");
        Assert.Contains("AccessDenied", other.Headers.Location?.ToString());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>Sign-in cookies are protected with keys kept beside the database, so a restart does not sign everyone out.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task ASignInSurvivesARestartOfTheApp()
    {
        var folder = Directory.CreateTempSubdirectory("attendance-restart-");
        try
        {
            string cookie;
            await using (var first = new AppFactory(folder))
            {
                await first.CreateUserAsync("hr@example.com", "HR");
                cookie = await first.SignInCookieAsync("hr@example.com");
                Assert.StartsWith(".AspNetCore.Identity.Application=", cookie);
            }

            await using var second = new AppFactory(folder);
            var restarted = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            restarted.DefaultRequestHeaders.Add("Cookie", cookie);

            Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync("/admin/people")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
