using AttendanceBlazor.Web.Components.Layout;
using Bunit;

namespace AttendanceBlazor.Web.Tests.Components;

/// <summary>The menu offers each role exactly the pages it may open (the pages check again: AuthorizationMatrixTests).</summary>
public sealed class NavMenuTests : ComponentTestContext
{
    [Theory]
    [InlineData("", "Home")]
    [InlineData("Employee", "Home|My attendance")]
    [InlineData("Kiosk", "Home|Kiosk|My attendance")]
    [InlineData("HR", "Dashboard|Attendance|People|Months|Review|Audit log|My attendance")]
    [InlineData("Admin", "Kiosk|Dashboard|Attendance|People|Months|Review|Audit log|Users and roles|Devices|Integrations|Settings|My attendance")]
    public void EachRoleSeesOnlyItsPages(string role, string expected)
    {
        var auth = AddAuthorization();
        if (role.Length > 0) auth.SetAuthorized($"{role.ToLowerInvariant()}@example.com").SetRoles(role);

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).Where(t => t != "REST API (OpenAPI)");
        Assert.Equal(expected, string.Join('|', links));
    }
}
