using DocumentFormat.OpenXml.Packaging;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

public sealed class RolloverTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private FiscalYearService Service() => new(_db.Factory, TimeProvider.System, Guard(_db.Factory));

    private async Task<RolloverResult> CreateAsync(int year = 2024, int from = 2023)
    {
        var result = await Service().CreateFromAsync(Planner, year, from);
        Assert.True(result.Done, result.Message);
        return result;
    }

    [Fact]
    public async Task CreatingAYearCopiesTheStructureWithItsSourceAndNoFigure()
    {
        var result = await CreateAsync();

        await using var db = _db.CreateContext();
        // The 2023 report marks three 세부사업 and two projects 일몰예정: a plan, not a retirement (issue 18), so they are
        // carried into 2024 like every other row, keeping the tag, until a planner marks them 일몰.
        var ending = await db.ProgrammeNodes.Where(n => n.Year == 2023).Select(n => new { n.Code, n.Tags }).ToListAsync();
        var endingCodes = ending.Where(n => n.Tags.Contains(FiscalYearService.EndingTag)).Select(n => n.Code).Order().ToList();
        Assert.Equal(["P3.1.1", "P3.2.1", "P3.2.2"], endingCodes);
        Assert.Equal(ending.Count, await db.ProgrammeNodes.CountAsync(n => n.Year == 2024));
        Assert.Equal(result.Counts!.ProgrammeNodes, ending.Count);
        Assert.Equal(endingCodes, (await db.ProgrammeNodes.Where(n => n.Year == 2024).Select(n => new { n.Code, n.Tags }).ToListAsync())
            .Where(n => n.Tags.Contains(FiscalYearService.EndingTag)).Select(n => n.Code).Order().ToList());
        Assert.Equal(await db.Projects.CountAsync(p => p.Year == 2023), await db.Projects.CountAsync(p => p.Year == 2024));
        Assert.True(await db.Projects.AnyAsync(p => p.Year == 2024 && p.Code == "J2.1.2"));
        Assert.Empty(result.Skipped);

        // Same codes, names, parents, kinds, funding and order as 2023.
        var old = await db.ProgrammeNodes.Where(n => n.Year == 2023)
            .Select(n => new { n.Code, Parent = n.Parent == null ? null : n.Parent.Code, n.Level, n.Kind, n.Name, n.Funding, n.SortOrder }).ToListAsync();
        var copied = await db.ProgrammeNodes.Where(n => n.Year == 2024)
            .Select(n => new { n.Code, Parent = n.Parent == null ? null : n.Parent.Code, n.Level, n.Kind, n.Name, n.Funding, n.SortOrder, n.Source }).ToListAsync();
        Assert.NotEmpty(copied);
        Assert.All(copied, c =>
        {
            Assert.Contains(old, o => o.Code == c.Code && o.Parent == c.Parent && o.Level == c.Level && o.Kind == c.Kind && o.Name == c.Name && o.Funding == c.Funding && o.SortOrder == c.SortOrder);
            Assert.Equal("2023년 체계에서 이월", c.Source.Doc);
        });
        Assert.Contains(copied, c => c.Code == "P1.2.3" && c.Funding == FundingSource.Subsidy);

        // Indicators with last year's target as a draft, projects remapped.
        var indicators = await db.Indicators.Where(i => i.Year == 2024).Include(i => i.Project).ToListAsync();
        Assert.Equal(result.Counts.Indicators, indicators.Count);
        Assert.Contains(indicators, i => i.Project is not null);
        Assert.All(indicators.Where(i => i.Project is not null), i => Assert.Equal(2024, i.Project!.Year));
        var targets = await db.IndicatorValues.Where(v => v.Year == 2024).ToListAsync();
        Assert.NotEmpty(targets);
        Assert.All(targets, v => Assert.True(v.IsDraft && v.Kind == IndicatorValueKind.Target && v.ReportingPeriodId is null && v.Source.Doc == "2023년 체계에서 이월"));
        Assert.Equal(result.Counts.DraftTargets, targets.Count);
        var internship = indicators.Single(i => i.Code == "T2023-1.1.1");
        Assert.Equal(
            (await db.IndicatorValues.SingleAsync(v => v.Indicator!.Code == "T2023-1.1.1" && v.Year == 2023 && v.Kind == IndicatorValueKind.Target)).Raw,
            targets.Single(t => t.IndicatorId == internship.Id).Raw);

        // Sites, institution, links.
        Assert.Equal(await db.Campuses.CountAsync(c => db.CampusFacilities.Any(f => f.CampusId == c.Id)), await db.CampusFacilities.CountAsync(f => f.ReportYear == 2024));
        Assert.Equal("2024-01-01", (await db.InstitutionProfiles.SingleAsync(p => p.Year == 2024)).AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(await db.CampusBudgetLinks.CountAsync(l => l.ProgrammeNode!.Year == 2023), await db.CampusBudgetLinks.CountAsync(l => l.ProgrammeNode!.Year == 2024));
        var offices = await db.SharedOffices.Where(o => o.Year == 2024).ToListAsync();
        Assert.NotEmpty(offices);
        Assert.All(offices, o => Assert.True(o.OccupiedSeats is null && o.OccupancyRaw is null && o.Seats is not null));

        // No figure at all.
        Assert.Equal(0, await db.BudgetLines.CountAsync(l => l.ReportingPeriod!.Year == 2024));
        Assert.Equal(0, await db.IndicatorValues.CountAsync(v => v.Year == 2024 && v.Kind != IndicatorValueKind.Target));
        Assert.Equal(0, await db.ProjectNarratives.CountAsync(n => n.Project!.Year == 2024));
        Assert.Equal(0, await db.BudgetSummaryItems.CountAsync(s => s.Year == 2024));
        Assert.Equal(0, await db.ProgrammeCostShares.CountAsync(s => s.Year == 2024));
        Assert.Equal(0, await db.StaffingEntries.CountAsync(s => s.Year == 2024));
        var projects = await db.Projects.Where(p => p.Year == 2024).ToListAsync();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.True(p.RequiredBudget is null && p.ActualText is null));
        Assert.Equal(await db.Projects.CountAsync(p => p.Year == 2023 && p.ProgrammeCodes.Any(c => endingCodes.Contains(c))),
            await db.Projects.CountAsync(p => p.Year == 2024 && p.ProgrammeCodes.Any(c => endingCodes.Contains(c))));
    }

    [Fact]
    public async Task QuarterlyTargetsAreCarriedAsDraftsOfTheirOwnQuarterBesideTheYearTarget()
    {
        string code;
        await using (var db = _db.CreateContext())
        {
            // An indicator whose year target the report states, so both kinds of target are there to carry.
            var indicator = await db.Indicators.AsTracking()
                .Where(i => i.Year == 2023 && db.IndicatorValues.Any(v => v.IndicatorId == i.Id && v.Kind == IndicatorValueKind.Target && v.Value != null))
                .OrderBy(i => i.SortOrder).FirstAsync();
            code = indicator.Code;
            db.IndicatorValues.Add(new IndicatorValue
            {
                IndicatorId = indicator.Id, Year = 2023, Kind = IndicatorValueKind.Target, Quarter = 2, Raw = "1,234명", Value = 1234m,
            });
            await db.SaveChangesAsync();
        }

        await CreateAsync();

        await using var check = _db.CreateContext();
        var targets = await check.IndicatorValues
            .Where(v => v.Indicator!.Year == 2024 && v.Indicator.Code == code && v.Kind == IndicatorValueKind.Target)
            .Select(v => new { v.Quarter, v.Value, v.IsDraft }).ToListAsync();
        var quarterly = Assert.Single(targets, t => t.Quarter is not null);
        Assert.Equal(2, quarterly.Quarter);
        Assert.Equal(1234m, quarterly.Value);
        Assert.True(quarterly.IsDraft);
        // The year's target is still carried on its own and is not the quarter's figure.
        var yearly = Assert.Single(targets, t => t.Quarter is null);
        Assert.NotEqual(1234m, yearly.Value);
        Assert.True(yearly.IsDraft);
    }

    [Fact]
    public async Task ARetiredItemIsNotCarriedIntoTheNextYear()
    {
        await CreateAsync();
        var retire = await Service().RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.2", null);
        Assert.True(retire.Saved, string.Join(" / ", retire.Errors.Values));
        var retireProject = await Service().RetireAsync(Planner, RetireTarget.Project, 2024, "J1.2.1", null);
        Assert.True(retireProject.Saved, string.Join(" / ", retireProject.Errors.Values));

        var result = await CreateAsync(2025, 2024);
        Assert.Contains(result.Skipped, s => s.StartsWith("예산체계 P1.1.2", StringComparison.Ordinal) && s.Contains("일몰", StringComparison.Ordinal));
        await using var db = _db.CreateContext();
        Assert.False(await db.ProgrammeNodes.IgnoreQueryFilters().AnyAsync(n => n.Year == 2025 && n.Code == "P1.1.2"));
        Assert.True(await db.ProgrammeNodes.AnyAsync(n => n.Year == 2025 && n.Code == "P1.1.1"));
        Assert.False(await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Year == 2025 && p.Code == "J1.2.1"));
        // Retired rows stay stored for the audit trail but leave every query of their year.
        Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Year == 2024 && n.Code == "P1.1.2"));
        Assert.True(await db.ProgrammeNodes.IgnoreQueryFilters().AnyAsync(n => n.Year == 2024 && n.Code == "P1.1.2" && n.Status == StructureStatus.Retired && n.RetiredBy == "김기획"));
    }

    [Fact]
    public async Task ASecondRolloverAnEmptySourceAndAReaderAreRefusedAndChangeNothing()
    {
        await CreateAsync();
        var before = await ChecksumWithoutAuditAsync();

        var again = await Service().CreateFromAsync(Planner, 2024, 2023);
        Assert.False(again.Done);
        Assert.StartsWith("2024년 체계가 이미 있습니다", again.Message, StringComparison.Ordinal);
        var empty = await Service().CreateFromAsync(Administrator, 2026, 2025);
        Assert.Equal("2025년 체계가 없어 2026년으로 이월할 수 없습니다.", empty.Message);
        var director = await Service().CreateFromAsync(Director, 2025, 2024);
        Assert.False(director.Done);
        Assert.Equal(Policies.Refusal(Policies.CanSetUpYear, "회계연도 체계 만들기"), director.Message);
        Assert.Contains("시스템관리자·기획담당", director.Message, StringComparison.Ordinal);

        await using (var db = _db.CreateContext())
        {
            // The refusal of the director is audited; nothing else was written.
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Kind == AuditKind.AccessDenied && a.ObjectType == "FiscalYear"));
        }

        Assert.Equal(before, await ChecksumWithoutAuditAsync());
    }

    [Fact]
    public async Task RetiringAfterAClosedQuarterNeedsAReasonAndIsAudited()
    {
        await CreateAsync();
        var admin = PeriodAdmin(_db);
        Assert.True((await admin.OpenAsync(Administrator, new() { Year = "2024", Quarter = "1" })).Saved);
        var version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2024 && p.Quarter == 1).Version;
        Assert.True((await admin.CloseAsync(Administrator, 2024, 1, version)).Saved);

        var audited = _db.AuditedFactory(new ActorAccessor(), TimeProvider.System);
        var service = new FiscalYearService(audited, TimeProvider.System, Guard(audited));
        var refused = await service.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.2", " ");
        Assert.Equal("2024년 1분기가 마감되어 있어 일몰 사유가 필요합니다 (마감된 분기의 보고서는 바뀌지 않습니다).", refused.Errors["Reason"]);
        Assert.Equal("일몰 처리는 세부사업에만 할 수 있습니다 (P1.1은(는) 단위사업입니다).",
            (await service.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1", "사유")).Errors[WriteResult.General]);
        Assert.Equal("2024년 예산체계에 없는 코드입니다 (P9.9.9).", (await service.RetireAsync(Planner, RetireTarget.Programme, 2024, "P9.9.9", "사유")).Errors[WriteResult.General]);

        var saved = await service.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.2", "2024년 이사회 의결로 종료");
        Assert.True(saved.Saved);
        await using var db = _db.CreateContext();
        var node = await db.ProgrammeNodes.IgnoreQueryFilters().SingleAsync(n => n.Year == 2024 && n.Code == "P1.1.2");
        Assert.Equal((StructureStatus.Retired, "2024년 이사회 의결로 종료"), (node.Status, node.RetiredReason));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectType == "ProgrammeNode" && a.Field == "RetiredReason" && a.NewValue == "2024년 이사회 의결로 종료"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectType == "ProgrammeNode" && a.Field == "Status" && a.OldValue == "Active" && a.NewValue == "Retired"));
        Assert.StartsWith("P1.1.2 중장년종합지원 활성화및성과확산은(는) 이미 일몰 처리되었습니다",
            (await service.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.2", "다시")).Errors[WriteResult.General], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFormsTheImportTemplateAndTheEntryServicesAcceptTheNewYear()
    {
        // What failed for users: an opened 2024 Q1 said "2024년 사업 체계가 없습니다".
        await CreateAsync();
        Assert.True((await PeriodAdmin(_db).OpenAsync(Administrator, new() { Year = "2024", Quarter = "1" })).Saved);

        var budget = BudgetEntry(_db);
        var page = await budget.GetAsync(2024, 1);
        Assert.Contains(page.Rows, r => r.Code == "P1.1.1");
        // 일몰예정 is a plan: P3.1.1 continues into 2024 and takes entries until a planner retires it.
        Assert.Contains(page.Rows, r => r.Code == "P3.1.1");
        var saved = await budget.SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "25,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));

        var indicators = IndicatorEntry(_db);
        var rows = (await indicators.GetAsync(2024, 1)).Rows;
        var internship = rows.Single(r => r.Code == "T2023-1.1.1");
        var actual = await indicators.SaveAsync(Planner, 2024, 1, new IndicatorEntryForm { IndicatorId = internship.Id, Actual = "95명", Token = internship.Token });
        Assert.True(actual.Saved, string.Join(" / ", actual.Errors.Values));

        await using (var db = _db.CreateContext())
        {
            Assert.Equal(25000m, (await db.BudgetLines.SingleAsync(l => l.ReportingPeriod!.Year == 2024)).Disbursed);
            Assert.Equal("95명", (await db.IndicatorValues.SingleAsync(v => v.Year == 2024 && v.Kind == IndicatorValueKind.Actual)).Raw);
        }

        await using var stream = new MemoryStream();
        Assert.Null(await ImportOf(_db).WriteTemplateAsync(2024, 1, stream));
        using var document = SpreadsheetDocument.Open(new MemoryStream(stream.ToArray()), false);
        var sheet = XlsxSheet.Read(document, TemplateLayout.BudgetSheet);
        var codes = sheet.AllTexts.ToHashSet();
        Assert.Contains("P1.1.1", codes);
        Assert.Contains("P1.2.3", codes);
        Assert.Contains("P3.1.1", codes);
        Assert.Contains("T2023-1.1.1", XlsxSheet.Read(document, TemplateLayout.IndicatorsSheet).AllTexts);
    }

    /// <summary>Row counts and last ids of the structure tables (the audit trail records a refusal by design).</summary>
    private async Task<string> ChecksumWithoutAuditAsync()
    {
        await using var connection = await TestProvider.OpenAsync(_db.ConnectionString);
        var text = new System.Text.StringBuilder();
        foreach (var table in new[] { "ProgrammeNodes", "Projects", "Indicators", "IndicatorValues", "CampusFacilities", "SharedOffices", "CampusBudgetLinks", "InstitutionProfiles" })
        {
            await using var command = connection.CreateCommand();
            // SQLite's rowid also shows a row deleted and added back; PostgreSQL has none, the count stands alone there.
            var last = connection is Microsoft.Data.Sqlite.SqliteConnection ? "COALESCE(MAX(rowid), 0)" : "COUNT(*)";
            command.CommandText = $"SELECT COUNT(*), CAST({last} AS BIGINT) FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            text.Append(table).Append(reader.GetInt64(0)).Append('/').Append(reader.GetInt64(1)).Append(';');
        }

        Assert.Contains("ProgrammeNodes", text.ToString(), StringComparison.Ordinal);
        return text.ToString();
    }
}
