using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AttendanceBlazor.Web.Localization;

/// <summary>MudBlazor's built-in words (its keys, such as MudDialog_Close) in the person's language; English where none.</summary>
internal sealed class MudTexts(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
