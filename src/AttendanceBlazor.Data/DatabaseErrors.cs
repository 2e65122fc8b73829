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
}
