using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Web.Tests;

/// <summary>Rename, face samples, merge, deactivate and delete: audited, and the face index follows every change.</summary>
public sealed class PeopleServiceTests : IDisposable
{
    private static readonly Actor Hr = new(null, "hr@example.com");
    private readonly AppFactory _app = new();

    private PeopleService People => _app.Services.GetRequiredService<PeopleService>();

    private async Task<(HttpClient Api, int PersonId)> RegisterAsync(string photo, string name)
    {
        var api = await _app.ApiClientAsync();
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(photo, name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = _app.Db();
        return (api, (await db.People.SingleAsync(p => p.DisplayName == name)).Id);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CheckAsync(HttpClient api, string photo, string? name = null)
    {
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var response = await api.PostAsync("/check_in_or_out", AppFactory.Form(photo, name));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task ARenameIsAuditedAndTheApiFindsTheNewName()
    {
        var (api, id) = await RegisterAsync("enroll/obama/1.jpg", "Barak Obama");
        var result = await People.RenameAsync(id, "Barack Obama", Hr, "typo");
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/attendance?name=Barack Obama")).StatusCode);
        var (status, body) = await CheckAsync(api, "probe/obama.jpg");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Barack Obama", body.GetProperty("name").GetString());
        await using var db = _app.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "rename");
        Assert.Equal("hr@example.com", audit.UserName);
        Assert.Equal("typo", audit.Reason);
        Assert.Contains("Barak Obama", audit.OldValues);
    }

    [Fact]
    public async Task RenamingToSomeoneElsesNameIsRefused()
    {
        var (_, obama) = await RegisterAsync("enroll/obama/1.jpg", "Barack Obama");
        await RegisterAsync("enroll/biden/1.jpg", "Joe Biden");
        Assert.False((await People.RenameAsync(obama, " joe   biden ", Hr, null)).Succeeded);
    }

    [Fact]
    public async Task AMergeMovesTemplatesAndRecordsAndTheFaceIsRecognisedAsTheTarget()
    {
        var (api, first) = await RegisterAsync("enroll/kit_harington/1.jpg", "Kit Harington");
        var (status, _) = await CheckAsync(api, "probe/kit_harington.jpg");
        Assert.Equal(HttpStatusCode.OK, status); // checked out
        // The same man registered again under another name, with his own face sample and a record of his own, as
        // another app instance would have done before this one heard of it: written to the database and the index.
        var still = _app.Describe("enroll/kit_harington/2.jpg");
        int duplicate;
        long template;
        await using (var db = _app.Db())
        {
            var person = new Data.Entities.Person { DisplayName = "K. Harington", NormalizedName = "K. HARINGTON", CreatedUtc = _app.Time.GetUtcNow().UtcDateTime };
            var sample = new Data.Entities.FaceTemplate { Person = person, Descriptor = Data.Entities.FaceTemplate.FromVector(still), ModelId = SharedModels.Instance.ModelId, CreatedUtc = person.CreatedUtc };
            db.AddRange(person, sample, new Data.Entities.AttendanceRecord { Person = person, CheckInUtc = person.CreatedUtc.AddHours(-30), CheckOutUtc = person.CreatedUtc.AddHours(-22), Source = Data.Entities.AttendanceSource.Api });
            await db.SaveChangesAsync();
            (duplicate, template) = (person.Id, sample.Id);
        }
        var gallery = _app.Services.GetRequiredService<Application.Faces.FaceGallery>();
        gallery.Add(template, duplicate, still);
        Assert.Equal(duplicate, gallery.Identify(still, 0.6).Person);
        Assert.Equal(Outcome.FaceOfSomeoneElse, (await People.AddFaceSampleAsync(duplicate, File.ReadAllBytes(TestFaces.PathOf("probe/kit_harington.jpg")), Hr)).Outcome);

        var merged = await People.MergeAsync(duplicate, first, Hr, "duplicate registration");

        Assert.True(merged.Succeeded, merged.ToString());
        Assert.Equal(("K. Harington", "Kit Harington"), (merged.Name, merged.OtherName));
        await using (var db = _app.Db())
        {
            Assert.Equal(first, (await db.People.SingleAsync()).Id);
            Assert.Equal(2, await db.FaceTemplates.CountAsync(t => t.PersonId == first));
            Assert.Contains(template, await db.FaceTemplates.Where(t => t.PersonId == first).Select(t => t.Id).ToListAsync());
            Assert.Equal(2, await db.AttendanceRecords.CountAsync(r => r.PersonId == first));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "merge");
            Assert.Equal((first.ToString(System.Globalization.CultureInfo.InvariantCulture), "duplicate registration"), (audit.EntityId, audit.Reason));
            Assert.Contains("\"templates\":1", audit.NewValues);
            Assert.Contains("\"records\":1", audit.NewValues);
            Assert.Contains("K. Harington", audit.OldValues);
        }
        Assert.Equal(first, gallery.Identify(still, 0.6).Person);
        var (after, body) = await CheckAsync(api, "enroll/kit_harington/2.jpg");
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal("Kit Harington", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AFaceSampleIsAddedAndUsedForRecognition()
    {
        var (api, id) = await RegisterAsync("enroll/rose_leslie/1.jpg", "Rose Leslie");
        var added = await People.AddFaceSampleAsync(id, File.ReadAllBytes(TestFaces.PathOf("enroll/rose_leslie/2.jpg")), Hr);
        Assert.True(added.Succeeded, added.ToString());
        await using var db = _app.Db();
        Assert.Equal(2, await db.FaceTemplates.CountAsync(t => t.PersonId == id));
        Assert.False((await People.AddFaceSampleAsync(id, File.ReadAllBytes(TestFaces.PathOf("edge/obama_and_biden.jpg")), Hr)).Succeeded);
    }

    [Fact]
    public async Task ADeactivatedPersonIsKnownAsInactiveCannotRegisterAgainAndComesBackWhenReactivated()
    {
        var (api, id) = await RegisterAsync("enroll/alex_lacamoire/1.jpg", "Alex Lacamoire");
        Assert.True((await People.SetActiveAsync(id, false, Hr, "left the company")).Succeeded);
        var (status, body) = await CheckAsync(api, "probe/alex_lacamoire.jpg");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("inactive_person", body.GetProperty("code").GetString());
        // Nor under another name: the face is known as theirs.
        var (again, againBody) = await CheckAsync(api, "probe/alex_lacamoire.jpg", "A. Lacamoire");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("inactive_person", againBody.GetProperty("code").GetString());
        await using (var db = _app.Db()) Assert.Equal(1, await db.People.CountAsync());
        Assert.True((await People.SetActiveAsync(id, true, Hr, "came back")).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(api, "probe/alex_lacamoire.jpg")).Status);
    }

    [Fact]
    public async Task DeletingAPersonErasesTheirFaceFromTheIndexAndFromTheDatabaseFile()
    {
        var (api, id) = await RegisterAsync("enroll/biden/2.jpg", "Joe Biden");
        byte[] descriptor;
        await using (var db = _app.Db()) descriptor = (await db.FaceTemplates.SingleAsync()).Descriptor;

        var deleted = await People.EraseAsync(id, Hr, "asked to be forgotten");
        Assert.True(deleted.Succeeded, deleted.ToString());

        var (status, body) = await CheckAsync(api, "enroll/biden/1.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unknown_face", body.GetProperty("outcome").GetString());
        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.People.CountAsync());
            Assert.Equal(0, await db.FaceTemplates.CountAsync());
            Assert.Equal(0, await db.AttendanceRecords.CountAsync());
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "delete");
            Assert.Equal("asked to be forgotten", audit.Reason);
        }
        foreach (var (name, bytes) in _app.Folder.DatabaseFilesAsCopied())
        {
            Assert.True(bytes.AsSpan().IndexOf(descriptor) < 0, $"the erased descriptor's bytes are still in {name}");
        }
    }

    public void Dispose() => _app.Dispose();
}
