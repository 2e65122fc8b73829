using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AttendanceBlazor.Data;

public static class DatabaseErrors
{
    // SQLite result codes (sqlite.org/rescode.html) and SQL Server error numbers this app reacts to.
    public const int SqliteBusy = 5;
    public const int SqliteLocked = 6;
    public const int SqliteCantOpen = 14;
    public const int SqliteConstraint = 19;
    public const int SqliteConstraintPrimaryKey = 1555;
    public const int SqliteConstraintUnique = 2067;
    public const int SqlServerDuplicateKeyRow = 2601;
    public const int SqlServerUniqueConstraint = 2627;
    public const string PostgresUniqueViolation = "23505";

    /// <summary>
    /// The database is busy, locked or out of reach even after the execution strategy's retries: a condition to
    /// answer with 503 and Retry-After, not a bug. Nothing was written, because every unit of work is one transaction.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteCantOpen }:
                case TimeoutException:
                    return true;
                case System.Data.Common.DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// A write lost a race with another writer, most often another app node: the row's version changed under it, a
    /// unique index took the other's row first, PostgreSQL found a deadlock or serialization failure. Nothing was
    /// written; deciding again on fresh data is the answer. (SQLite's busy and stale-snapshot errors are retried by
    /// the execution strategy already, SqliteBusyRetryStrategy; when it gives up, the database is unavailable.)
    /// </summary>
    public static bool IsLostRace(Exception exception)
    {
        if (exception is RetryLimitExceededException) return false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                case Npgsql.PostgresException { SqlState: "40001" or "40P01" }:
                case Microsoft.Data.SqlClient.SqlException { Number: 1205 }:
                    return true;
            }
        }
        return IsUniqueViolation(exception);
    }

    /// <summary>A unique index refused the write (SQLite constraint UNIQUE; SQL Server errors 2601 and 2627).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey }
                || e is Microsoft.Data.SqlClient.SqlException { Number: SqlServerDuplicateKeyRow or SqlServerUniqueConstraint }
                || e is Npgsql.PostgresException { SqlState: PostgresUniqueViolation })
            {
                return true;
            }
        }
        return false;
    }
}
