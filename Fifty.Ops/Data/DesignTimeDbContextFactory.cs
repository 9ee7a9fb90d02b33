using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fifty.Ops.Data;

/// <summary>
/// The SQLite context <c>dotnet ef</c> works with (<c>migrations add</c>, <c>has-pending-model-changes</c>): the model alone,
/// on an in-memory SQLite connection, so the tools never boot the app, create <c>data/</c> or touch a real database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
}

/// <summary>
/// The PostgreSQL context for <c>dotnet ef … --context PostgresFiftyOpsDbContext</c>. Generating a migration or checking
/// for model changes never opens the connection, so the connection string only has to parse.
/// </summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresFiftyOpsDbContext>
{
    public PostgresFiftyOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseNpgsql("Host=127.0.0.1;Database=fiftyops_design").Options);
}
