using Npgsql;

namespace Fifty.Ops.Bench;

/// <summary>
/// Databases of the benchmark on a PostgreSQL server (<c>--postgres "Host=…;Port=…;Username=…"</c>, e.g. the throw-away
/// cluster of <c>scripts/pg-cluster.sh</c>): each run creates its own and drops it afterwards.
/// </summary>
public static class PostgresBench
{
    /// <summary>Creates database <paramref name="name"/> and returns its connection string.</summary>
    public static string CreateDatabase(string server, string name)
    {
        using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
