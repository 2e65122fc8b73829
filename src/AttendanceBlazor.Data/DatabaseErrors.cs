using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AttendanceBlazor.Data;

public static class DatabaseErrors
{
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
                case SqliteException { SqliteErrorCode: 5 or 6 or 14 }: // BUSY, LOCKED, CANTOPEN
                case TimeoutException:
                    return true;
                case System.Data.Common.DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>A unique index refused the write (SQLite constraint UNIQUE; SQL Server errors 2601 and 2627).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
                || e is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 })
            {
                return true;
            }
        }
        return false;
    }
}
