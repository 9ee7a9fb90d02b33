using Fifty.Ops.Data;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>Closes or reopens a seeded period through the admin service, as an administrator would (no-op when already so).</summary>
internal static class PeriodSwitch
{
    public static async Task SetClosedAsync(PeriodAdminService admin, IDbContextFactory<FiftyOpsDbContext> factory, int year, int quarter, bool closed)
    {
        int version;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var period = await db.ReportingPeriods.SingleAsync(p => p.Year == year && p.Quarter == quarter);
            if (period.IsClosed == closed) return;
            version = period.Version;
        }

        var user = TestAccounts.Principal(AppRoles.Admin);
        var result = closed
            ? await admin.CloseAsync(user, year, quarter, version)
            : await admin.ReopenAsync(user, year, quarter, "시험: 설명 보완", version);
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));
    }

    public static Task SetClosedAsync(SeededDatabase database, int year, int quarter, bool closed) =>
        SetClosedAsync(EntryFixtures.PeriodAdmin(database), database.Factory, year, quarter, closed);
}
