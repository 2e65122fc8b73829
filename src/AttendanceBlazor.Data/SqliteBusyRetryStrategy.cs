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
        exception is SqliteException { SqliteErrorCode: DatabaseErrors.SqliteBusy or DatabaseErrors.SqliteLocked }
        || exception.InnerException is SqliteException { SqliteErrorCode: DatabaseErrors.SqliteBusy or DatabaseErrors.SqliteLocked };
}
