using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Data;

/// <summary>Section "Database". The connection string itself is ConnectionStrings:Attendance.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Attendance";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at startup (default on; turn off where a DBA applies database/*.sql).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>The SQLite file used when no connection string is configured: one file in the user's local application data.</summary>
    public static string DefaultSqlitePath() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "AttendanceBlazor", "attendance.db");
}
