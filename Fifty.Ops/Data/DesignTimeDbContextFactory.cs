using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fifty.Ops.Data;

/// <summary>
/// The context <c>dotnet ef</c> works with (<c>migrations add</c>, <c>has-pending-model-changes</c>): the model alone, on an
/// in-memory SQLite connection, so the tools never boot the app, create <c>data/</c> or touch a real database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
}
