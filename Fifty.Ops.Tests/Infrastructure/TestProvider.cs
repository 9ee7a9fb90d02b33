using Fifty.Ops.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// The database the integration tests run on: SQLite files by default; PostgreSQL when <c>FIFTYOPS_TEST_PROVIDER=Postgres</c>,
/// on the server named by <c>FIFTYOPS_TEST_POSTGRES</c> (a connection string without a database: <c>./test.sh</c> starts a
/// throw-away cluster and sets both). Every test database is its own: a fresh file, or a fresh PostgreSQL database
/// created here and dropped when the test class is done.
/// </summary>
public static class TestProvider
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static DatabaseProvider Provider => IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>The server's connection string (no database); throws when the PostgreSQL run has none.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("FIFTYOPS_TEST_POSTGRES") is { Length: > 0 } server ? server
        : throw new InvalidOperationException("FIFTYOPS_TEST_PROVIDER=Postgres needs FIFTYOPS_TEST_POSTGRES (Host=…;Port=…;Username=…); ./test.sh sets it.");

    /// <summary>
    /// A new empty database: on SQLite a connection string to a file path in the temp folder that does not exist yet; on
    /// PostgreSQL a database created now. <paramref name="sqlitePath"/> names the SQLite file when the caller needs it.
    /// </summary>
    public static string NewDatabase(string sqlitePath)
    {
        if (!IsPostgres) return $"Data Source={sqlitePath};Pooling=False";
        return CreatePostgresDatabase(PostgresServer, "fo_test_" + Guid.NewGuid().ToString("N")[..20]);
    }

    /// <summary>Creates database <paramref name="name"/> on <paramref name="server"/> and returns its connection string.</summary>
    public static string CreatePostgresDatabase(string server, string name)
    {
        using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }

        // Small pools: the whole suite runs many databases side by side on one throw-away server.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20, Timeout = 30, CommandTimeout = 120 }.ConnectionString;
    }

    /// <summary>Drops what <see cref="NewDatabase"/> made (a missing file or database is fine).</summary>
    public static void DropDatabase(string connectionString)
    {
        if (IsPostgresString(connectionString))
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
            return;
        }

        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }

    /// <summary>Options on the test database for the provider the connection string names.</summary>
    public static DbContextOptions<FiftyOpsDbContext> Options(string connectionString, params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<FiftyOpsDbContext>();
        DatabaseSettings.Use(builder, IsPostgresString(connectionString) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, connectionString);
        if (interceptors.Length > 0) builder.AddInterceptors(interceptors);
        return builder.Options;
    }

    /// <summary>A context of the provider's type (PostgreSQL's has its own migrations), as the app makes them.</summary>
    public static FiftyOpsDbContext Context(string connectionString, params IInterceptor[] interceptors) =>
        DatabaseSettings.Create(Options(connectionString, interceptors));

    public static bool IsPostgresString(string connectionString) => connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>SQL that lets a test tamper with the append-only audit trail (drops its triggers).</summary>
    public static string DropAuditTriggers(string connectionString) => IsPostgresString(connectionString)
        ? """DROP TRIGGER "AuditEntries_NoUpdate" ON "AuditEntries"; DROP TRIGGER "AuditEntries_NoDelete" ON "AuditEntries";"""
        : """DROP TRIGGER "AuditEntries_NoUpdate"; DROP TRIGGER "AuditEntries_NoDelete";""";

    /// <summary>An open ADO.NET connection of the right provider.</summary>
    public static async Task<System.Data.Common.DbConnection> OpenAsync(string connectionString)
    {
        System.Data.Common.DbConnection connection = IsPostgresString(connectionString) ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
