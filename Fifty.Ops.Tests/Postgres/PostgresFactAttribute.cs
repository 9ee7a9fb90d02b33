using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Postgres;

/// <summary>
/// A test that needs a PostgreSQL server: it runs in <c>./test.sh</c>'s PostgreSQL pass (<c>FIFTYOPS_TEST_POSTGRES</c> set)
/// and is reported as skipped, not passed, where there is none.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_POSTGRES")))
            Skip = "needs a PostgreSQL server (FIFTYOPS_TEST_POSTGRES; ./test.sh starts one)";
    }

    /// <summary>A new empty PostgreSQL database on the test server, whatever provider the rest of the run uses.</summary>
    public static string NewDatabase() => TestProvider.CreatePostgresDatabase(TestProvider.PostgresServer, "fo_test_" + Guid.NewGuid().ToString("N")[..20]);
}
