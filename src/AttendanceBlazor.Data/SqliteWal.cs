using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Data;

/// <summary>
/// Empties SQLite's write-ahead log after an erasure. secure_delete zeroes a deleted row in the new page image, but
/// that image lands in the -wal file first, and the earlier frames (the insert of the template, say) stay there until
/// a checkpoint; this copies every frame into the database and truncates the -wal file to nothing, so neither file
/// holds the erased data afterwards. A no-op on other databases (see docs/security.md for what they keep).
/// </summary>
public static class SqliteWal
{
    /// <summary>Checkpoints and truncates the log, retrying while readers hold it; true when it is empty.</summary>
    public static async Task<bool> TruncateAsync(IDbContextFactory<AttendanceDbContext> dbFactory, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite()) return true;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                // One row: busy (1 when a reader or writer kept it from finishing), frames in the log, frames copied.
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken) || reader.GetInt32(0) == 0) return true;
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
