using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Features.FiscalYear.Profile;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Caching;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fifty.Ops.Infrastructure;

public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=data/fifty-ops.db";

    public static IServiceCollection AddFiftyOpsData(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.From(configuration);
        services.AddSingleton(database);
        // The one clock of the app (features, audit, sessions, the CLI); a test replaces it once with its own.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ActorAccessor>();
        services.AddSingleton<AuditSaveChangesInterceptor>();
        // What every page reads and rarely changes is kept in memory (ReferenceCache) and dropped by one rule when a save
        // changes its rows, on every instance (ReferenceCacheInvalidator, ReferenceChangeListener).
        var periodCache = TimeSpan.FromSeconds(configuration.GetValue("Periods:CacheSeconds", PeriodService.CacheLifetime.TotalSeconds));
        services.AddSingleton(sp => new PeriodService(sp.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>(), sp.GetRequiredService<TimeProvider>()) { Lifetime = periodCache });
        var nameCache = TimeSpan.FromSeconds(configuration.GetValue("Institution:NameCacheSeconds", InstitutionNameService.CacheLifetime.TotalSeconds));
        services.AddSingleton(sp => new InstitutionNameService(sp.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>(), sp.GetRequiredService<TimeProvider>()) { Lifetime = nameCache });
        services.AddSingleton<IReferenceCache>(sp => sp.GetRequiredService<PeriodService>());
        services.AddSingleton<IReferenceCache>(sp => sp.GetRequiredService<InstitutionNameService>());
        services.AddSingleton(sp => new ReferenceCacheInvalidator(new Lazy<IReadOnlyList<IReferenceCache>>(() => [.. sp.GetServices<IReferenceCache>()])));
        // Every context writes its tracked changes to the audit trail in the same transaction, and a saved change to a
        // cached table drops that cache.
        // On PostgreSQL the factory makes PostgresFiftyOpsDbContext (its own migrations); services ask for FiftyOpsDbContext.
        services.AddDbContextFactory<FiftyOpsDbContext, ProviderDbContextFactory>((sp, options) => database.Configure(options)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(sp.GetRequiredService<AuditSaveChangesInterceptor>(), sp.GetRequiredService<ReferenceCacheInvalidator>()));
        if (database.IsPostgres) services.AddHostedService<ReferenceChangeListener>();
        services.AddSingleton(new SeedOptions(
            configuration["Seed:Path"] ?? Path.Combine(AppContext.BaseDirectory, "seed-data"),
            configuration.GetValue("Seed:Demo", false)));
        services.AddTransient<DatabaseInitializer>();
        return services;
    }

    /// <summary>The folder of the SQLite file (where data-protection keys live too); null for an in-memory database or PostgreSQL.</summary>
    public static string? DataFolder(IConfiguration configuration)
    {
        if (DatabaseSettings.From(configuration).IsPostgres) return null;
        var builder = new SqliteConnectionStringBuilder(ResolveConnectionString(configuration.GetConnectionString("Default") ?? DefaultConnectionString));
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : Path.GetDirectoryName(builder.DataSource);
    }

    /// <summary>A relative database path is taken from the working directory, and its folder is created.</summary>
    internal static string ResolveConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}

/// <param name="Path">The seed-data folder.</param>
/// <param name="Demo">Load and show the generated monthly usage of <c>seed-data/demo/</c> (예시 데이터); off by default.</param>
public sealed record SeedOptions(string Path, bool Demo = false);
