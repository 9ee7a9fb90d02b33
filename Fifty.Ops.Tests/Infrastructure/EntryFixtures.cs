using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Data;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>Users and services of the data-entry feature over a seeded database, built as the app builds them.</summary>
internal static class EntryFixtures
{
    public static ClaimsPrincipal User(string name, string role) => TestAccounts.Principal(role, userName: name);

    public static readonly ClaimsPrincipal Planner = User("김기획", AppRoles.Planner);
    public static readonly ClaimsPrincipal OtherPlanner = User("이기획", AppRoles.Planner);
    public static readonly ClaimsPrincipal Administrator = User("박관리", AppRoles.Admin);
    public static readonly ClaimsPrincipal Director = User("최간부", AppRoles.Director);

    /// <summary>The role checks of the services, recording refusals in the database's audit trail as the app does.</summary>
    public static AccessGuard Guard(IDbContextFactory<FiftyOpsDbContext> factory) => new(new AuditLog(factory, new ActorAccessor(), TimeProvider.System));

    public static PeriodAdminService PeriodAdmin(SeededDatabase db) => new(db.Factory, TimeProvider.System, Guard(db.Factory));

    public static IndicatorEntryService IndicatorEntry(SeededDatabase db) => new(db.Factory, TimeProvider.System, Guard(db.Factory));

    public static BudgetEntryService BudgetEntry(SeededDatabase db) => new(db.Factory, TimeProvider.System, Guard(db.Factory));

    public static NarrativeEntryService NarrativeEntry(SeededDatabase db) => new(db.Factory, TimeProvider.System, Guard(db.Factory));

    public static CampusUsageEntryService CampusEntry(SeededDatabase db) =>
        new(db.Factory, new PeriodService(db.Factory), new SeedOptions(SeededDatabase.SeedRoot), TimeProvider.System, Guard(db.Factory));

    public static ImportService ImportOf(SeededDatabase db) =>
        new(db.Factory, IndicatorEntry(db), BudgetEntry(db), NarrativeEntry(db), CampusEntry(db), TimeProvider.System, Guard(db.Factory));

    /// <summary>Opens 2023 Q4 (the reports' periods are seeded closed) through the admin service, as an administrator would.</summary>
    public static async Task OpenQ4Async(SeededDatabase db)
    {
        var result = await PeriodAdmin(db).OpenAsync(Administrator, new PeriodOpenForm { Year = "2023", Quarter = "4" });
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));
    }

    /// <summary>A digest of every row of every table, to prove that a refused operation changed nothing.</summary>
    public static async Task<string> ChecksumAsync(string connectionString)
    {
        await using var connection = await TestProvider.OpenAsync(connectionString);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = connection is SqliteConnection
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                : "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append('#').Append(table).Append('\n');
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            // Rows sorted as text: PostgreSQL has no rowid and returns rows in no promised order.
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++) row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows) text.Append(row).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
