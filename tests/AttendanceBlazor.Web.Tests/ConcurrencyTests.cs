using System.Net;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>Many different people, and several kiosks, at the same moment: every one of them gets exactly one state change.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private static readonly string[] Faces = ["obama", "biden", "kit_harington", "rose_leslie", "alex_lacamoire"];
    private readonly AppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwentyDifferentPeopleAtOnceMakeTwentyStateChanges()
    {
        // The shared photos hold five people with faces; the other fifteen are people who use a PIN, which goes
        // through the same service, the same write gate and the same database.
        var api = await _app.ApiClientAsync();
        foreach (var face in Faces)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form($"enroll/{face}/1.jpg", face.Replace('_', ' ')))).StatusCode);
        }
        var people = _app.Services.GetRequiredService<PinService>();
        for (var i = 0; i < 15; i++)
        {
            var created = await people.CreateWithPinAsync($"PIN person {i}", $"{5800 + i * 7}", new Actor(null, "hr"));
            Assert.True(created.Succeeded, created.ToString());
        }
        _app.Time.Advance(TimeSpan.FromHours(8));
        var checkIn = _app.Services.GetRequiredService<ApiCheckIn>();
        var pins = _app.Services.GetRequiredService<PinCheckIn>();
        var probes = Faces.Select(f => File.ReadAllBytes(TestFaces.PathOf(ProbeOf(f)))).ToList();

        var byFace = Faces.Select((f, i) => Task.Run(() => checkIn.CheckAsync(new CheckRequest(probes[i], null, AttendanceSource.Kiosk, $"kiosk-{i % 2}"))));
        var byPin = Enumerable.Range(0, 15).Select(i => Task.Run(() => pins.CheckAsync($"PIN person {i}", $"{5800 + i * 7}", $"kiosk-{i % 2}")));
        var results = await Task.WhenAll(byFace.Concat(byPin));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(5, results.Count(r => r.Outcome == CheckOutcome.CheckedOut));
        Assert.Equal(15, results.Count(r => r.Outcome == CheckOutcome.CheckedIn));
        Assert.Equal(20, results.Select(r => r.PersonId).Distinct().Count());
        await using var db = _app.Db();
        Assert.Equal(5, await db.AttendanceRecords.CountAsync(r => r.CheckOutUtc != null));
        Assert.Equal(15, await db.AttendanceRecords.CountAsync(r => r.CheckOutUtc == null && r.Source == AttendanceSource.Pin));
    }

    [Fact]
    public async Task TwoKiosksAtOnceEachRecordTheirOwnPerson()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/kit_harington/1.jpg", "Kit Harington"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromHours(4));
        var checkIn = _app.Services.GetRequiredService<ApiCheckIn>();
        var lobby = File.ReadAllBytes(TestFaces.PathOf("probe/obama.jpg"));
        var garage = File.ReadAllBytes(TestFaces.PathOf("probe/kit_harington.jpg"));

        // Each kiosk sends three stills in a row, as a person standing in front of it for a few seconds would.
        async Task<CheckResult[]> Kiosk(byte[] still, string device)
        {
            var results = new CheckResult[3];
            for (var i = 0; i < 3; i++) results[i] = await checkIn.CheckAsync(new CheckRequest(still, null, AttendanceSource.Kiosk, device));
            return results;
        }
        var both = await Task.WhenAll(Task.Run(() => Kiosk(lobby, "kiosk:lobby")), Task.Run(() => Kiosk(garage, "kiosk:garage")));

        foreach (var (results, name) in both.Zip(["Barack Obama", "Kit Harington"]))
        {
            Assert.Equal(CheckOutcome.CheckedOut, results[0].Outcome);
            Assert.All(results.Skip(1), r => Assert.Equal(CheckOutcome.Duplicate, r.Outcome));
            Assert.All(results, r => Assert.Equal(name, r.Name));
        }
        await using var db = _app.Db();
        Assert.Equal(2, await db.AttendanceRecords.CountAsync(r => r.CheckOutUtc != null));
    }

    private static string ProbeOf(string face) => face switch
    {
        "biden" => "enroll/biden/2.jpg",
        "rose_leslie" => "enroll/rose_leslie/2.jpg",
        _ => $"probe/{face}.jpg",
    };

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
