using Microsoft.Data.Sqlite;

namespace AttendanceBlazor.Testing;

/// <summary>
/// A temporary folder for one test's real SQLite database (and its sign-in keys), removed afterwards. Pooled
/// connections are closed first, so the files can go.
/// </summary>
public sealed class TestFolder : IDisposable
{
    private readonly bool _owned;

    public TestFolder(string prefix = "attendance-test-") : this(System.IO.Directory.CreateTempSubdirectory(prefix), owned: true)
    {
    }

    /// <summary>A folder someone else owns (a restart of another test app on the same database).</summary>
    public TestFolder(DirectoryInfo existing, bool owned = false) => (Directory, _owned) = (existing, owned);

    public DirectoryInfo Directory { get; }

    public string DatabasePath => Path.Combine(Directory.FullName, "attendance.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public string KeysDirectory => Path.Combine(Directory.FullName, "keys");

    /// <summary>
    /// The database file and its write-ahead log (when there is one) as a backup would copy them: read while the app's
    /// connections stay open, without a checkpoint (closing the last connection would checkpoint by itself).
    /// </summary>
    public IEnumerable<(string Name, byte[] Bytes)> DatabaseFilesAsCopied()
    {
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (Path.GetFileName(path), copy.ToArray());
        }
    }

    /// <summary>Puts a copy of a database fixture (a file in the test's output folder) where this folder's database is.</summary>
    public void CopyDatabaseFrom(string fixture) => File.Copy(Path.Combine(AppContext.BaseDirectory, fixture), DatabasePath, overwrite: true);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (!_owned) return;
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is shutting down; the temp folder is cleaned by the system.
        }
    }
}
