using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AttendanceBlazor.Data;

/// <summary>
/// Turns on SQLite's secure_delete for every connection, so deleted rows (face descriptors, thumbnails) are
/// overwritten with zeros instead of lingering in free pages of the file, and journal_size_limit=0, so a checkpointed
/// write-ahead log is cut back to nothing rather than kept at its largest size with old frames in it. Erasure has to
/// really erase (SqliteWal truncates the log after each one).
/// </summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA secure_delete = ON; PRAGMA journal_size_limit = 0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
