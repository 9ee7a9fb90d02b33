using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data;

/// <summary>Which database the app runs on: <c>Database:Provider</c>, <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>The configured database: provider and connection string (<c>ConnectionStrings:Default</c>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Reads the provider and connection string. SQLite's relative <c>Data Source</c> is taken from the working directory
    /// (its folder is created); a PostgreSQL connection string is used as given. Throws for an unknown provider name.
    /// </summary>
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var name = configuration[ProviderKey];
        var provider = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(name.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : string.Equals(name.Trim(), "PostgreSQL", StringComparison.OrdinalIgnoreCase) || string.Equals(name.Trim(), "Npgsql", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres
            : throw new InvalidOperationException($"Database:Provider는 Sqlite 또는 Postgres여야 합니다 (현재 '{name}').");
        var configured = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new InvalidOperationException("Database:Provider=Postgres에는 ConnectionStrings:Default (예: Host=127.0.0.1;Database=fiftyops;Username=…)가 필요합니다.");
            return new DatabaseSettings(provider, configured);
        }

        return new DatabaseSettings(provider, Infrastructure.DataServiceCollectionExtensions.ResolveConnectionString(
            configured ?? Infrastructure.DataServiceCollectionExtensions.DefaultConnectionString));
    }

    /// <summary>Sets the provider on <paramref name="options"/>.</summary>
    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) => Use(options, Provider, ConnectionString);

    /// <summary>
    /// Sets <paramref name="provider"/> on <paramref name="options"/>; on PostgreSQL with the one-writer-at-a-time lock
    /// (<see cref="Infrastructure.Durability.PostgresWriteLock"/>) every context of the app needs.
    /// </summary>
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) => provider == DatabaseProvider.Postgres
        ? options.UseNpgsql(connectionString).AddInterceptors(Infrastructure.Durability.PostgresWriteLock.Instance)
        : options.UseSqlite(connectionString);

    /// <summary>A context of the provider's type on <paramref name="options"/> (which must name the same provider).</summary>
    public static FiftyOpsDbContext Create(DbContextOptions<FiftyOpsDbContext> options) =>
        options.Extensions.Any(e => e.GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true)
            ? new PostgresFiftyOpsDbContext(options)
            : new FiftyOpsDbContext(options);
}

/// <summary>
/// The app's <see cref="IDbContextFactory{FiftyOpsDbContext}"/>: a <see cref="PostgresFiftyOpsDbContext"/> when the
/// options use Npgsql, else a <see cref="FiftyOpsDbContext"/> (SQLite), so every service keeps asking for the one type.
/// </summary>
public sealed class ProviderDbContextFactory(DbContextOptions<FiftyOpsDbContext> options) : IDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext() => DatabaseSettings.Create(options);
}
