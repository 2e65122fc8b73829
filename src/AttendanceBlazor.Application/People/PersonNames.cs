using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.People;

public static class PersonNames
{
    /// <summary>
    /// The name of someone (not <paramref name="exceptPersonId"/>, not erased) whose name is <paramref name="name"/> or
    /// looks like it (the same confusable skeleton: "Аnn Lee" with a Cyrillic А, or "Ann  Lee"), or null. Names are
    /// read once per registration or rename; the unique index on the normalized name stays the last guard.
    /// </summary>
    public static async Task<string?> TakenByAsync(this AttendanceDbContext db, PersonName name, int? exceptPersonId, CancellationToken cancellationToken)
    {
        var exact = await db.People.Where(p => p.NormalizedName == name.Normalized && p.Id != (exceptPersonId ?? -1))
            .Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (exact is not null) return exact;
        var names = await db.People.AsNoTracking().Where(p => p.ErasedUtc == null && p.Id != (exceptPersonId ?? -1))
            .Select(p => p.DisplayName).ToListAsync(cancellationToken);
        foreach (var existing in names)
        {
            var (parsed, _) = PersonName.Parse(existing, int.MaxValue);
            if (parsed is not null && parsed.Skeleton == name.Skeleton) return existing;
        }
        return null;
    }
}
