using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

/// <summary>What the People page, the pickers and /me read about people.</summary>
public sealed class PeopleQueries(IDbContextFactory<AttendanceDbContext> dbFactory)
{
    /// <summary>How many people a picker offers at most.</summary>
    public const int PickerSize = 20;

    /// <summary>A page of people for the People grid, by name, with what HR needs to see at a glance.</summary>
    public async Task<(int Total, IReadOnlyList<PersonRow> Rows)> QueryAsync(string? search, bool includeInactive, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.People.AsNoTracking().Where(p => p.ErasedUtc == null);
        if (!includeInactive) query = query.Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = Person.Normalize(search);
            query = query.Where(p => p.NormalizedName.Contains(s));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(p => p.DisplayName).ThenBy(p => p.Id).Skip(skip).Take(take)
            .Select(p => new PersonRow(
                p.Id, p.DisplayName, p.IsActive, p.CreatedUtc,
                p.Templates.Count, p.Templates.Any(t => t.Thumbnail != null),
                p.Records.Count, p.Records.Any(r => r.CheckOutUtc == null),
                p.PinHash != null, p.User != null ? p.User.Email : null, p.Version) { ConsentRecorded = p.ConsentUtc != null, KioskName = p.KioskName })
            .ToListAsync(cancellationToken);
        return (total, rows);
    }

    /// <summary>
    /// People to pick in a dialog (merge target, missed record, account link): not erased, names containing
    /// <paramref name="text"/>, at most <see cref="PickerSize"/>. <paramref name="except"/> leaves one person out; with
    /// <paramref name="withoutAccountExcept"/> set, only people with no account or with that account.
    /// </summary>
    public async Task<IReadOnlyList<PersonChoice>> SearchAsync(string? text, int? except = null, (bool Apply, string? UserId) withoutAccountExcept = default, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.People.AsNoTracking().Where(p => p.ErasedUtc == null);
        if (except is { } id) query = query.Where(p => p.Id != id);
        if (withoutAccountExcept.Apply) query = query.Where(p => p.UserId == null || p.UserId == withoutAccountExcept.UserId);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var s = Person.Normalize(text);
            query = query.Where(p => p.NormalizedName.Contains(s));
        }
        return await query.OrderBy(p => p.DisplayName).Take(PickerSize).Select(p => new PersonChoice(p.Id, p.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>Everyone not erased, by name (the CLI's `person list`).</summary>
    public async Task<IReadOnlyList<PersonRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var (_, rows) = await QueryAsync(null, includeInactive: true, 0, int.MaxValue, cancellationToken);
        return rows;
    }

    /// <summary>The person of that name (not erased), if any.</summary>
    public async Task<PersonChoice?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var normalized = PersonName.NormalizeForLookup(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.AsNoTracking().Where(p => p.NormalizedName == normalized && p.ErasedUtc == null)
            .Select(p => new PersonChoice(p.Id, p.DisplayName)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The newest thumbnail of a person, if settings allowed keeping one.</summary>
    public async Task<byte[]?> ThumbnailAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FaceTemplates.AsNoTracking().Where(t => t.PersonId == personId && t.Thumbnail != null)
            .OrderByDescending(t => t.Id).Select(t => t.Thumbnail).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The person linked to a user account, if any (employee self-service).</summary>
    public async Task<int?> PersonIdOfUserAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (userId is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.People.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
