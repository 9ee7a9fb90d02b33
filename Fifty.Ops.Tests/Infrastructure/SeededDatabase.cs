using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// A real database, migrated and seeded from the repository's seed-data, shared by a test class: on SQLite a copy of the
/// run's template (<see cref="TemplateDatabase"/>, seeded once per run), on PostgreSQL a database of its own seeded here
/// (<see cref="TestProvider"/>).
/// <para>
/// The services a test calls get <see cref="Factory"/>: the app's own <see cref="IDbContextFactory{FiftyOpsDbContext}"/>
/// (<see cref="AppDbContexts"/>), so they read without tracking, audit what they save and run under the durability
/// settings as in production. <see cref="CreateContext"/> is the test's own hands (arranging rows, checking what was
/// saved): a plain tracking context, outside the audit trail.
/// </para>
/// </summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    private readonly bool _fromTemplate;
    private ServiceProvider? _services;

    public SeededDatabase()
    {
        ConnectionString = TestProvider.NewDatabase(Path);
        _fromTemplate = !TestProvider.IsPostgres && TemplateDatabase.Enabled;
    }

    private SeededDatabase(string connectionString, bool fromTemplate)
    {
        ConnectionString = connectionString;
        _fromTemplate = fromTemplate;
    }

    /// <summary>A SQLite file whatever the run's provider (e.g. the source of migrate-data).</summary>
    public static SeededDatabase OnSqlite()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fifty-ops-test-{Guid.NewGuid():N}.db");
        return new SeededDatabase($"Data Source={path};Pooling=False", fromTemplate: TemplateDatabase.Enabled) { Path = path };
    }

    /// <summary>A PostgreSQL database of its own on the test server whatever the run's provider.</summary>
    public static SeededDatabase OnPostgres() => new(Postgres.PostgresFactAttribute.NewDatabase(), fromTemplate: false);

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string Path { get; private init; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fifty-ops-test-{Guid.NewGuid():N}.db");

    public string ConnectionString { get; }

    public static string SeedRoot => System.IO.Path.Combine(AppContext.BaseDirectory, "seed-data");

    /// <summary>A plain tracking context for the test itself (arrange, check); not audited. Services get <see cref="Factory"/>.</summary>
    public FiftyOpsDbContext CreateContext() => TestProvider.Context(ConnectionString);

    /// <summary>The app's factory on this database: contexts exactly as production makes them (changes audited as 시스템).</summary>
    public IDbContextFactory<FiftyOpsDbContext> Factory => Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();

    /// <summary>
    /// A service as the app registers it (<see cref="AppDbContexts"/>: the database and feature registrations of
    /// <c>Program.cs</c>) over this database; singletons are shared by the tests of this database, as by the app's users.
    /// </summary>
    public T AppService<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The app's factory on this database with the test's actors and clock in its audit interceptor.</summary>
    public IDbContextFactory<FiftyOpsDbContext> AuditedFactory(ActorAccessor actors, TimeProvider clock) =>
        AppDbContexts.Services(ConnectionString, services => services.AddSingleton(actors).AddSingleton(clock))
            .GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();

    /// <summary>The app's factory on this database with <paramref name="interceptors"/> added after the app's own.</summary>
    public IDbContextFactory<FiftyOpsDbContext> FactoryWith(params IInterceptor[] interceptors) => AppDbContexts.With(Services, interceptors);

    private ServiceProvider Services => LazyInitializer.EnsureInitialized(ref _services, () => AppDbContexts.Services(ConnectionString));

    public async Task InitializeAsync()
    {
        if (_fromTemplate)
        {
            await TemplateDatabase.CopySeededAsync(Path);
            return;
        }

        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        await new SeedLoader(db, SeedRoot).LoadAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        TestProvider.DropDatabase(ConnectionString);
    }

}
