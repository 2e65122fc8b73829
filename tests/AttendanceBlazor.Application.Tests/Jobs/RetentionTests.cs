using AttendanceBlazor.Application.Jobs;

namespace AttendanceBlazor.Application.Tests.Jobs;

/// <summary>What retention deletes whatever Attendance:RetentionDays says.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private TestApp _app = default!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static ReviewItem Held(DateTime at, ReviewState state = ReviewState.Open) => new()
    {
        Kind = ReviewKind.PendingRegistration, State = state, AtUtc = at, Source = AttendanceSource.Kiosk, Device = "kiosk:lobby",
        PendingName = "Someone New", PendingDescriptors = new byte[512], PendingThumbnail = [1, 2, 3],
    };

    [Fact]
    public async Task ARegistrationHeldForHrAndNeverDecidedGoesWithItsFaceAfterThirtyDays()
    {
        var now = _app.Time.GetUtcNow().UtcDateTime;
        await using (var db = _app.Db())
        {
            db.ReviewItems.AddRange(Held(now.AddDays(-31)), Held(now.AddDays(-29)), Held(now.AddDays(-40), ReviewState.Confirmed));
            await db.SaveChangesAsync();
        }

        var result = await _app.Get<Retention>().RunOnceAsync();

        Assert.Equal(1, result.HeldRegistrationsDeleted);
        await using var check = _app.Db();
        var left = await check.ReviewItems.OrderBy(r => r.AtUtc).Select(r => new { r.AtUtc, r.State }).ToListAsync();
        // The decided one stays (it is a record of HR's decision, and holds what it registered no longer), the recent one too.
        Assert.Equal([(now.AddDays(-40), ReviewState.Confirmed), (now.AddDays(-29), ReviewState.Open)], left.Select(l => (l.AtUtc, l.State)));
    }

    [Fact]
    public async Task ALivenessFramesHashIsForgottenAfterSixtyDays()
    {
        var now = _app.Time.GetUtcNow().UtcDateTime;
        await using (var db = _app.Db())
        {
            db.SeenFrames.AddRange(
                new SeenFrame { PressId = Guid.NewGuid(), Hash = new byte[32], SeenUtc = now.AddDays(-61) },
                new SeenFrame { PressId = Guid.NewGuid(), Hash = new byte[32], SeenUtc = now.AddDays(-59) });
            await db.SaveChangesAsync();
        }

        await _app.Get<Retention>().RunOnceAsync();

        await using var check = _app.Db();
        Assert.Equal([now.AddDays(-59)], await check.SeenFrames.Select(f => f.SeenUtc).ToListAsync());
    }
}
