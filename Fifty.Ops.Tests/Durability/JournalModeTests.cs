using System.Net;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.Data.Sqlite;

namespace Fifty.Ops.Tests.Durability;

/// <summary>The app starts on a SQLite database it did not make itself, whatever its journal mode, and leaves it in WAL.</summary>
public sealed class JournalModeTests
{
    [Fact]
    public async Task TheAppStartsOnARollbackJournalDatabaseAndTurnsItToWal()
    {
        if (TestProvider.IsPostgres) return; // a SQLite file's property
        var path = Path.Combine(Path.GetTempPath(), $"fifty-ops-journal-{Guid.NewGuid():N}.db");
        var keys = Path.Combine(Path.GetTempPath(), $"fifty-ops-keys-{Guid.NewGuid():N}");
        await TemplateDatabase.CopySeededAsync(path);
        Assert.Equal("delete", await PragmaAsync(path, "PRAGMA journal_mode=DELETE"));

        // Before the fix the start failed: EF Core's read-only "does it exist" connection tried to switch it to WAL.
        using (var app = AppFactory.On(path, keys, ownsFiles: true))
        {
            var response = await app.CreateAnonymousClient().GetAsync(new Uri("/account/login", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("wal", await PragmaAsync(path, "PRAGMA journal_mode"));
        }
    }

    private static async Task<string> PragmaAsync(string path, string pragma)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
