using System.Globalization;
using AttendanceBlazor.Web.Localization;

namespace AttendanceBlazor.Web.Tests;

/// <summary>One date style per language, whatever the browser's region: what people read, and what they may type.</summary>
public sealed class FormatsTests
{
    private static T In<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("en-US", "6 Dec 2026 09:05", "6 Dec 2026")]
    [InlineData("en-GB", "6 Dec 2026 09:05", "6 Dec 2026")]
    [InlineData("de-DE", "06.12.2026 09:05", "06.12.2026")]
    [InlineData("de-AT", "06.12.2026 09:05", "06.12.2026")]
    public void ATimeIsWrittenInTheLanguagesOneStyle(string culture, string when, string day)
    {
        var local = new DateTime(2026, 12, 6, 9, 5, 41);
        Assert.Equal((when, day), In(culture, () => (Formats.When(local), Formats.Day(local))));
    }

    [Theory]
    [InlineData("6 Dec 2026 09:05")]
    [InlineData("6  dec 2026 9:05")]
    [InlineData("6 December 2026 09:05")]
    [InlineData("06.12.2026 09:05")]
    [InlineData("6.12.2026 9:05")]
    [InlineData("2026-12-06 09:05")]
    [InlineData("2026-12-06T09:05")]
    public void ATimeTypedInEitherStyleOrIsoIsUnderstood(string typed)
    {
        Assert.True(Formats.TryParseWhen(typed, out var local), typed);
        Assert.Equal(new DateTime(2026, 12, 6, 9, 5, 0), local);
    }

    [Theory]
    [InlineData("12/6/2026 9:05 AM")]
    [InlineData("6 Dez 2026 09:05")]
    [InlineData("31.02.2026 09:05")]
    [InlineData("tomorrow")]
    public void AnAmbiguousOrImpossibleTimeIsRefused(string typed) => Assert.False(Formats.TryParseWhen(typed, out _), typed);

    [Fact]
    public void ADayTypedInEitherStyleOrIsoIsUnderstood()
    {
        foreach (var typed in new[] { "6 Dec 2026", "06.12.2026", "2026-12-06" })
        {
            Assert.True(Formats.TryParseDay(typed, out var day), typed);
            Assert.Equal(new DateOnly(2026, 12, 6), day);
        }
    }
}
