using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AttendanceBlazor.Data;

/// <summary>
/// Turns on SQLite's secure_delete for every connection, so deleted rows (face descriptors, thumbnails) are
/// overwritten with zeros instead of lingering in free pages of the file. Erasure has to really erase.
/// </summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
