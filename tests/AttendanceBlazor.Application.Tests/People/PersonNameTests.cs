using AttendanceBlazor.Application.People;

namespace AttendanceBlazor.Application.Tests.People;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("Alex Lacamoire", "Alex L.")]
    [InlineData("Ann Marie Lee", "Ann L.")]
    [InlineData("Madonna", "M.")]
    [InlineData("  Zoë   Ørsted ", "Zoë Ø.")]
    [InlineData("Émile Zola", "Émile Z.")]
    [InlineData("", "")]
    public void TheKioskFormIsTheFirstNameAndTheInitialOfTheLast(string name, string expected) =>
        Assert.Equal(expected, PersonName.KioskForm(name));

    [Fact]
    public void TheKioskFormKeepsACombiningAccentWithItsLetter() =>
        // "E" followed by a combining acute accent is one letter on screen, and stays whole.
        Assert.Equal("Jean E\u0301.", PersonName.KioskForm("Jean E\u0301tienne"));
}
