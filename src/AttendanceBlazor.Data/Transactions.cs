using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AttendanceBlazor.Data;

/// <summary>
/// Retries a unit of work when SQLite answers "database is busy" or "locked" after its busy timeout, the way SQL
/// Server's retrying strategy retries transient faults. Being a retrying strategy, it also makes any transaction
/// opened outside <see cref="Transactions.InTransactionAsync{T}"/> fail fast in tests, as it would on SQL Server.
/// </summary>
public sealed class SqliteBusyRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(2))
{
    protected override bool ShouldRetryOn(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }
        || exception.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };
}

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
        await using var probe = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = probe.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work(db, ct);
            await tx.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
