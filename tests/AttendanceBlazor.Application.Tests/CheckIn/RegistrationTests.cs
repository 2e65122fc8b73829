namespace AttendanceBlazor.Application.Tests.CheckIn;

/// <summary>A new face becomes one person, once, and only the face that was asked about is registered.</summary>
public sealed class RegistrationTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<AnalyzedFace> FaceAsync(string photo) => (await _app.Get<StillAnalyzer>().AnalyzeAsync(File.ReadAllBytes(TestFaces.PathOf(photo)))).Face!;

    private static CheckContext Kiosk(DateTime at, bool consent = true) => new(AttendanceSource.Kiosk, "kiosk:lobby", at, consent, "1");

    [Fact]
    public async Task FreshStillsOfAnotherFaceAtRegisterRegisterNothingAndTheSameFacesGoodStillsJoinIt()
    {
        var asked = await FaceAsync("probe/kit_harington.jpg");
        var same = await FaceAsync("enroll/kit_harington/1.jpg");
        var other = await FaceAsync("probe/obama.jpg");

        Assert.Null(Registration.WithFreshStills(asked, [other]));
        var faces = Registration.WithFreshStills(asked, [other, same]);
        Assert.NotNull(faces);
        Assert.Same(asked, faces[0]);
        Assert.DoesNotContain(other, faces);
    }

    [Fact]
    public async Task TheSameNewFaceRegisteredAtTwoKiosksAtOnceBecomesOnePersonCheckedInOnce()
    {
        var face = await FaceAsync("probe/kit_harington.jpg");
        var (name, _) = Application.People.PersonName.Parse("Kit Harington", 100);
        var at = _app.Time.GetUtcNow().UtcDateTime;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _app.Get<Registration>().RegisterAsync([face], name!, Kiosk(at)))));

        Assert.Equal(1, results.Count(r => r.Outcome == CheckOutcome.Registered));
        Assert.All(results.Where(r => r.Outcome != CheckOutcome.Registered), r => Assert.Equal(CheckOutcome.Duplicate, r.Outcome));
        await using var db = _app.Db();
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Equal(1, await db.AttendanceRecords.CountAsync());
    }

    [Fact]
    public async Task AtTheKioskNothingIsRegisteredWithoutConsent()
    {
        var face = await FaceAsync("probe/kit_harington.jpg");
        var (name, _) = Application.People.PersonName.Parse("Kit Harington", 100);

        var result = await _app.Get<Registration>().RegisterAsync([face], name!, Kiosk(_app.Time.GetUtcNow().UtcDateTime, consent: false));

        Assert.Equal(CheckOutcome.ConsentRequired, result.Outcome);
        await using var db = _app.Db();
        Assert.Equal(0, await db.People.CountAsync());
    }

    [Fact]
    public async Task ARegistrationUnderTheNameOfSomeoneHrAddedWaitsForHrAndConfirmingGivesThemTheFace()
    {
        var hr = new Application.Audit.Actor(null, "hr@example.com");
        var added = await _app.Get<Application.WorkingTime.WorkingTimeService>().AddPersonAsync("Kit Harington", new DateOnly(2026, 3, 2), hr);
        Assert.True(added.Succeeded, added.ToString());
        var face = await FaceAsync("probe/kit_harington.jpg");
        var (name, _) = Application.People.PersonName.Parse("kit harington", 100);

        // Whoever types the name is not taken for the person: the registration is held.
        var result = await _app.Get<Registration>().RegisterAsync([face], name!, Kiosk(_app.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(CheckOutcome.Lookalike, result.Outcome);
        await using (var db = _app.Db())
        {
            Assert.Equal(1, await db.People.CountAsync());
            Assert.Equal(0, await db.FaceTemplates.CountAsync());
            Assert.Equal(0, await db.AttendanceRecords.CountAsync());
            var item = await db.ReviewItems.SingleAsync();
            Assert.Equal((ReviewKind.PendingRegistration, (int?)added.Count), (item.Kind, item.CandidatePersonId));
        }

        var confirmed = await _app.Get<Application.Review.ReviewService>().ConfirmAsync(result.ReviewItemId!.Value, hr);
        Assert.True(confirmed.Succeeded, confirmed.ToString());
        await using (var db = _app.Db())
        {
            var person = await db.People.Include(p => p.Templates).SingleAsync();
            Assert.Equal(((int)added.Count, "Kit Harington", true), (person.Id, person.DisplayName, person.Templates.Count > 0));
            Assert.NotNull(person.ConsentUtc);
            Assert.Equal(1, await db.AttendanceRecords.CountAsync(r => r.PersonId == person.Id));
        }
    }
}
