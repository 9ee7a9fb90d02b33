using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// Another organisation on a fresh database without the seed: its name, a divisional budget of three units uploaded in
/// 백만원, one quarter entered, and both execution rates.
/// </summary>
public sealed class StructureOtherOrganisationTests : IAsyncLifetime, IDbContextFactory<FiftyOpsDbContext>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fifty-ops-empty-{Guid.NewGuid():N}.db");

    public FiftyOpsDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options);

    public async Task InitializeAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ADivisionalBudgetInMillionsGetsCorrectRatesOnBothBases()
    {
        await using (var db = CreateDbContext())
        {
            Assert.False(await db.ProgrammeNodes.AnyAsync());
            db.InstitutionProfiles.Add(new InstitutionProfile { Year = 2025, AsOf = new DateOnly(2025, 1, 1), Name = "한빛시 평생교육국" });
            await db.SaveChangesAsync();
        }

        var service = new StructureWorkbookService(this, TimeProvider.System, Guard(this));
        await using var blank = new MemoryStream();
        await service.WriteAsync(2025, blank);
        using var edit = new XlsxEditor(blank.ToArray());
        edit.Text("예산체계", "B2", "백만원").AppendRows("예산체계",
        [
            [("A", "T"), ("C", "소계"), ("D", "평생교육국 합계"), ("E", "출연금"), ("G", "운영")],
            [("A", "D1"), ("B", "T"), ("C", "단위사업"), ("D", "평생학습과"), ("E", "출연금"), ("F", 1200.5m), ("G", "운영")],
            [("A", "D2"), ("B", "T"), ("C", "단위사업"), ("D", "도서관과"), ("E", "보조금"), ("F", 800m), ("G", "운영")],
            [("A", "D3"), ("B", "T"), ("C", "단위사업"), ("D", "교육협력과"), ("E", "자체"), ("F", 450.25m), ("G", "운영")],
        ]);
        var file = edit.Save();
        var preview = await service.PreviewAsync(Planner, "한빛시_2025.xlsx", file);
        Assert.Empty(preview.Errors);
        Assert.Equal(4, preview.Changes.Count(c => c.Kind == StructureChangeKind.Added));
        Assert.True((await service.CommitAsync(Planner, "한빛시_2025.xlsx", file, null, preview.Digest)).Committed);

        var admin = new Features.Admin.PeriodAdminService(this, TimeProvider.System, Guard(this));
        var opened = await admin.OpenAsync(Administrator, new Features.Admin.PeriodOpenForm { Year = "2025", Quarter = "1" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));

        // Only 원인행위액 and 지출액 are typed: 당초 and 예산현액 come from the year's 당초예산.
        var entry = new BudgetEntryService(this, TimeProvider.System, Guard(this));
        var page = await entry.GetAsync(2025, 1);
        Assert.Equal(["D1", "D2", "D3"], page.Rows.Select(r => r.Code));
        Assert.Equal(1_200_500m, page.Rows[0].Reference?.Amounts.Original);
        foreach (var (code, committed, disbursed) in new[] { ("D1", "600,250", "300,125"), ("D2", "400,000", "200,000"), ("D3", "450,250", "90,050") })
        {
            var saved = await entry.SaveAsync(Planner, 2025, 1, new BudgetEntryForm { Code = code, Committed = committed, Disbursed = disbursed });
            Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        }

        var budget = new BudgetQueryService(this, new PeriodService(this), Microsoft.Extensions.Options.Options.Create(new PaceOptions()));
        var overview = await budget.GetOverviewAsync(2025, 1);
        var rows = overview.Execution.ToDictionary(r => r.Code);
        Assert.Equal((1_200_500m, 0.5m, 0.25m), (rows["D1"].CurrentBudget!.Value, rows["D1"].CommittedRate!.Value, rows["D1"].DisbursedRate!.Value));
        Assert.Equal((800_000m, 0.5m, 0.25m), (rows["D2"].CurrentBudget!.Value, rows["D2"].CommittedRate!.Value, rows["D2"].DisbursedRate!.Value));
        Assert.Equal((450_250m, 1m, 0.2m), (rows["D3"].CurrentBudget!.Value, rows["D3"].CommittedRate!.Value, rows["D3"].DisbursedRate!.Value));
        var total = overview.Total!;
        Assert.Equal((2_450_750m, 1_450_500m, 590_175m), (total.CurrentBudget!.Value, total.Committed!.Value, total.Disbursed!.Value));
        Assert.Equal(Math.Round(1_450_500m / 2_450_750m, 6), Math.Round(total.CommittedRate!.Value, 6));
        Assert.Equal(Math.Round(590_175m / 2_450_750m, 6), Math.Round(total.DisbursedRate!.Value, 6));
    }
}
