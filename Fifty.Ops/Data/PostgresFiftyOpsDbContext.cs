using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data;

/// <summary>
/// The same model as <see cref="FiftyOpsDbContext"/> on PostgreSQL. A type of its own only so that EF Core keeps its
/// migrations (<c>Data/Migrations/Postgres</c>, generated for Npgsql's types) and its model snapshot apart from SQLite's.
/// The app creates it through <see cref="ProviderDbContextFactory"/> when <c>Database:Provider</c> is <c>Postgres</c>.
/// </summary>
public sealed class PostgresFiftyOpsDbContext(DbContextOptions<FiftyOpsDbContext> options) : FiftyOpsDbContext(options);
