using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AttendanceBlazor.Data;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction on a fresh context, through the provider's execution strategy,
    /// so a transient fault retries the whole unit rather than half of it. The work commits by returning normally
    /// after calling SaveChanges; returning early without SaveChanges writes nothing.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this IDbContextFactory<AttendanceDbContext> factory,
        Func<AttendanceDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        // The first attempt runs on the context that gave the strategy; a retry gets a fresh one.
        var first = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            var strategy = first.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async ct =>
            {
                var db = first ?? await factory.CreateDbContextAsync(ct);
                first = null;
                await using (db)
                {
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var result = await work(db, ct);
                    await tx.CommitAsync(ct);
                    return result;
                }
            }, cancellationToken);
        }
        finally
        {
            if (first is not null) await first.DisposeAsync();
        }
    }
}
