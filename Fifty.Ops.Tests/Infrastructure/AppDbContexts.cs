using Fifty.Ops.Data;
using Fifty.Ops.Features;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Durability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// The app's own registration of its database and features (<see cref="DataServiceCollectionExtensions.AddFiftyOpsData"/>,
/// <see cref="DurabilityServiceCollectionExtensions.AddFiftyOpsDurability"/> and
/// <see cref="FeatureServiceCollectionExtensions.AddFiftyOpsFeatures"/>, in the order <c>AddFiftyOps</c> calls them; not the
/// web, UI and security parts) over a test database, so the services a test resolves are built as in production and get
/// their contexts exactly as there: no tracking by default, the audit and period-cache interceptors,
/// WAL/synchronous=FULL/busy timeout on SQLite, the one-writer lock on PostgreSQL. A write that forgets
/// <c>AsTracking()</c> therefore saves nothing here as it does there, and its test fails.
/// </summary>
public static class AppDbContexts
{
    /// <summary>
    /// The app's services for <paramref name="connectionString"/> (provider taken from it). <paramref name="configure"/> runs
    /// last, so a registration there (e.g. an <see cref="Fifty.Ops.Infrastructure.Auditing.ActorAccessor"/> or a
    /// <see cref="TimeProvider"/> of the test's) replaces the app's.
    /// </summary>
    public static ServiceProvider Services(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            [DatabaseSettings.ProviderKey] = TestProvider.IsPostgresString(connectionString) ? "Postgres" : "Sqlite",
            ["Seed:Path"] = SeededDatabase.SeedRoot,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddFiftyOpsData(configuration);
        services.AddFiftyOpsDurability(configuration);
        services.AddFiftyOpsFeatures();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The app's context options with <paramref name="interceptors"/> added after its own (e.g. a command counter).</summary>
    public static IDbContextFactory<FiftyOpsDbContext> With(IServiceProvider services, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<FiftyOpsDbContext>(services.GetRequiredService<DbContextOptions<FiftyOpsDbContext>>())
            .AddInterceptors(interceptors).Options;
        return new ProviderDbContextFactory(options);
    }
}
