using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// Seeded SQLite databases made once per test run, in a folder of the run's own, and copied for each test class instead
/// of migrating and seeding again: <see cref="Seeded"/> is what <see cref="SeedLoader"/> writes (the
/// <see cref="SeededDatabase"/> fixture), <see cref="Initialized"/> what the app's first start writes
/// (<see cref="DatabaseInitializer"/>: the seed plus its audit entry; the web tests' <c>AppFactory</c> and the
/// browser tests' <c>AppProcess</c>). Each is made on
/// first use, by one thread, however many classes ask at once. PostgreSQL runs seed every database (SQLite only here);
/// <c>FIFTYOPS_TEST_TEMPLATES=off</c> seeds every SQLite database too.
/// </summary>
public static class TemplateDatabase
{
    /// <summary>
    /// False when <c>FIFTYOPS_TEST_TEMPLATES=off</c>: every database is seeded anew, as before the templates (to compare
    /// timings, or to rule the copy out when a test misbehaves).
    /// </summary>
    public static bool Enabled { get; } =
        !string.Equals(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_TEMPLATES"), "off", StringComparison.OrdinalIgnoreCase);

    private static readonly string RunFolder = Path.Combine(Path.GetTempPath(), $"fifty-ops-templates-{Environment.ProcessId}-{Guid.NewGuid():N}");

    // Task.Run: the work never resumes on a test's synchronization context, so a caller may block on it.
    private static readonly Lazy<Task<string>> SeededTemplate = new(() => Task.Run(() => CreateAsync("seeded.db", SeedAsync)));
    private static readonly Lazy<Task<string>> InitializedTemplate = new(() => Task.Run(() => CreateAsync("initialized.db", InitializeAsync)));

    static TemplateDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            if (Directory.Exists(RunFolder)) Directory.Delete(RunFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    };

    /// <summary>Copies the migrated, seeded template to <paramref name="path"/> (a file that must not exist yet).</summary>
    public static async Task CopySeededAsync(string path) => File.Copy(await SeededTemplate.Value, path);

    /// <summary>Copies the template of the app's first start to <paramref name="path"/> (a file that must not exist yet).</summary>
    public static void CopyInitialized(string path) => File.Copy(InitializedTemplate.Value.GetAwaiter().GetResult(), path);

    /// <inheritdoc cref="CopyInitialized"/>
    public static async Task CopyInitializedAsync(string path) => File.Copy(await InitializedTemplate.Value, path);

    private static async Task SeedAsync(string connectionString)
    {
        await using var db = TestProvider.Context(connectionString);
        await db.Database.MigrateAsync();
        await new SeedLoader(db, SeededDatabase.SeedRoot).LoadAsync();
    }

    private static async Task InitializeAsync(string connectionString)
    {
        await using var services = AppDbContexts.Services(connectionString);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    private static async Task<string> CreateAsync(string name, Func<string, Task> fill)
    {
        Directory.CreateDirectory(RunFolder);
        var path = Path.Combine(RunFolder, name);
        var connectionString = $"Data Source={path};Pooling=False";
        await fill(connectionString);
        // One self-contained file to copy, in WAL mode as the app leaves its databases: the log folded in and emptied. (A
        // rollback-journal copy fails the app's start: EF Core opens it read-only to see whether it exists, and the
        // durability interceptor's switch to WAL cannot write there.)
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return path;
    }
}
