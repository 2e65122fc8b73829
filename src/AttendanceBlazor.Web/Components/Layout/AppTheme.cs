using MudBlazor;

namespace AttendanceBlazor.Web.Components.Layout;

/// <summary>
/// One palette for every page, the kiosk and the Identity pages included. MudBlazor's default success (#00c853),
/// warning (#ff9800), error (#f44336) and info colours give white text 2.2:1 to 3.7:1 (the status chips, the red
/// buttons): each colour here gives at least 4.5:1 against white and the page background, as WCAG 2.2 AA asks of text.
/// </summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e7a",
            Secondary = "#2e7d32",
            AppbarBackground = "#1b5e7a",
            Success = "#2e7d32",
            Warning = "#9a4f00",
            Error = "#c62828",
            Info = "#01579b",
            // MudBlazor's 0.54 black is 4.4:1 on the kiosk's and the drawer's light grey: labels and helper text
            // need 4.5.
            TextSecondary = "rgba(0,0,0,0.66)",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
