using Npgsql;

namespace AttendanceBlazor.Testing;

/// <summary>
/// A database of one test's own on the throwaway PostgreSQL server that tests/run.sh starts (its connection string in
/// ATTENDANCE_TEST_POSTGRES), created by the app's migrations on first use and dropped here, open connections and all.
/// </summary>
public sealed class ThrowawayPostgresDatabase : IDisposable
{
    public ThrowawayPostgresDatabase(string prefix = "attendance_")
    {
        Server = Environment.GetEnvironmentVariable("ATTENDANCE_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "ATTENDANCE_TEST_POSTGRES is not set: run the tests with tests/run.sh, which starts a throwaway PostgreSQL cluster " +
                "(or set it to an Npgsql connection string of a server where databases may be created and dropped).");
        Name = prefix + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = Name }.ConnectionString;
    }

    /// <summary>The server's connection string (its maintenance database), for statements outside the test's database.</summary>
    public string Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
