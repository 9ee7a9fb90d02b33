using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data.Seeding;

/// <summary>
/// Loads the generated monthly usage of <c>seed-data/demo/campus_usage.csv</c> (예시 데이터) as rows flagged
/// <see cref="CampusUsage.IsDemo"/>. The reports give no monthly figures per campus, so these rows exist only for
/// demonstrations and benchmarks, and only when the <c>Seed:Demo</c> setting asks for them.
/// </summary>
/// <param name="clock">The app's clock (the rows' load time); null for the system clock.</param>
public sealed class DemoUsageLoader(FiftyOpsDbContext db, string seedRoot, TimeProvider? clock = null)
{
    public const string RelativePath = "demo/campus_usage.csv";

    /// <summary>Loads the demo rows once; a database that already holds demo rows is left alone. Returns the rows added.</summary>
    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        if (await db.CampusUsages.AnyAsync(u => u.IsDemo, ct)) return 0;
        var path = Path.Combine(seedRoot, RelativePath);
        if (!File.Exists(path)) throw new SeedDataException($"예시 데이터 파일이 없습니다: {path}");

        var campuses = await db.Campuses.AsTracking().ToDictionaryAsync(c => c.Code, ct);
        var loadedAt = (clock ?? TimeProvider.System).GetUtcNow();
        var rows = CsvTable.Read(path).Rows;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var r in rows)
        {
            var month = r.Whole("month") ?? throw r.Error("month", "월이 비어 있습니다");
            if (month is < 1 or > 12) throw r.Error("month", "1~12 사이여야 합니다");
            db.CampusUsages.Add(new CampusUsage
            {
                Campus = campuses.TryGetValue(r.Required("campus_code"), out var c) ? c : throw r.Error("campus_code", "알 수 없는 캠퍼스 코드입니다"),
                Year = r.Whole("year") ?? throw r.Error("year", "연도가 비어 있습니다"),
                Month = month,
                Visits = r.Whole("visits"),
                CourseParticipants = r.Whole("course_participants"),
                CounsellingCases = r.Whole("counselling_cases"),
                Communities = r.Whole("communities"),
                OccupiedSeats = r.Whole("occupied_seats"),
                IsDemo = true,
                UpdatedAt = loadedAt,
            });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }
}
