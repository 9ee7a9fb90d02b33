using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.DataEntry;

public sealed class IndicatorEntryServiceTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<IndicatorEntryRow> RowAsync(string code) => (await IndicatorEntry(_db).GetAsync(2023, 4)).Rows.Single(r => r.Code == code);

    private static IndicatorEntryForm Form(IndicatorEntryRow row, string target = "", string actual = "", string cause = "", string action = "") =>
        new() { IndicatorId = row.Id, Target = target, Actual = actual, Cause = cause, Action = action, Token = row.Token };

    [Fact]
    public async Task AnActualIsKeptAsTypedWithItsNumbersAndShowsInItsPeriodOnly()
    {
        var row = await RowAsync("T2023-1.1.1");
        Assert.Equal("412명", row.Actual!.Raw); // the Q3 report's figure is in force until Q4 has its own

        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, actual: "27,685 (5,383)", cause: "4분기 모집 확대"));
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));

        await using (var db = _db.CreateContext())
        {
            var cell = await db.IndicatorValues.SingleAsync(v => v.IndicatorId == row.Id && v.ReportingPeriodId != null);
            Assert.Equal("27,685 (5,383)", cell.Raw);
            Assert.Equal(27685m, cell.Value);
            Assert.Equal(5383m, cell.SubValue);
            Assert.Equal(new DateOnly(2023, 12, 31), cell.AsOf);
            Assert.Equal("김기획", cell.UpdatedBy);
            Assert.Equal(1, cell.Version);
            // The report's own cell is untouched.
            Assert.Equal("412명", (await db.IndicatorValues.SingleAsync(v => v.IndicatorId == row.Id && v.Kind == IndicatorValueKind.Actual && v.ReportingPeriodId == null)).Raw);
        }

        var query = new IndicatorQueryService(_db.Factory, new PeriodService(_db.Factory));
        Assert.Equal("27,685 (5,383)", (await query.GetListAsync(2023, 4)).Rows.Single(r => r.Code == "T2023-1.1.1").Actual!.Raw);
        Assert.Equal("412명", (await query.GetListAsync(2023, 3)).Rows.Single(r => r.Code == "T2023-1.1.1").Actual!.Raw);
        Assert.Equal("4분기 모집 확대", (await RowAsync("T2023-1.1.1")).Cause);
    }

    [Theory]
    [InlineData("١٢٣명", "123")]            // Arabic-Indic digits
    [InlineData("1억 2천만", "120000000")]
    [InlineData("9,800건", "9800")]
    public async Task AnActualInAnyDigitsOrWithUnitWordsIsSavedWithTheRightNumber(string typed, string value)
    {
        var row = await RowAsync("T2023-1.1.1");
        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, target: "1만건", actual: typed));
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));
        await using var db = _db.CreateContext();
        var cells = await db.IndicatorValues.Where(v => v.IndicatorId == row.Id && v.ReportingPeriodId != null).ToListAsync();
        Assert.Equal(10000m, cells.Single(c => c.Kind == IndicatorValueKind.Target).Value);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), cells.Single(c => c.Kind == IndicatorValueKind.Actual).Value);
        Assert.Equal(typed, cells.Single(c => c.Kind == IndicatorValueKind.Actual).Raw); // the cell keeps what was typed
    }

    [Theory]
    [InlineData("-5명", "실적: 0 이상이어야 합니다 (음수는 쓸 수 없습니다) (입력: -5명)")]
    [InlineData("1e20", "실적: 지수 표기(1e20 같은)는 쓸 수 없습니다. 숫자를 모두 적으세요 (입력: 1e20)")]
    [InlineData("2000000000000명", "실적: 너무 큽니다 (최대 999,999,999,999) (입력: 2000000000000명)")]
    [InlineData("1,2", "실적: 쉼표 자리가 맞지 않습니다 (1,234,567처럼 세 자리마다 쉼표를 씁니다) (입력: 1,2)")]
    [InlineData("１２３명", "실적: 전각 숫자(１２３)는 쓸 수 없습니다. 반각 숫자(123)로 입력하세요 (입력: １２３명)")] // issue 17: refused, not read
    public async Task AnImplausibleOrUnreadableActualIsRefusedOnItsFieldAndNothingIsWritten(string typed, string message)
    {
        var row = await RowAsync("T2023-1.1.1");
        var before = await ChecksumAsync(_db.ConnectionString);
        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, actual: typed));
        Assert.False(result.Saved);
        Assert.Equal(message, result.Errors[nameof(IndicatorEntryForm.Actual)]);
        Assert.Equal(before, await ChecksumAsync(_db.ConnectionString));
    }

    [Fact]
    public async Task AnEnteredActualDrivesEveryRateAndIsLabelledEnteredNotTheReportsStatedRate()
    {
        var query = new IndicatorQueryService(_db.Factory, new PeriodService(_db.Factory));
        var row = await RowAsync("H2023-05"); // the Q3 report: 2,091명, 목표대비 382%
        Assert.True((await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, actual: "2,500명"))).Saved);

        var q4 = (await query.GetListAsync(2023, 4)).Rows.Single(r => r.Code == "H2023-05");
        Assert.Null(q4.StatedRateRaw); // the report's 382% belongs to the report's 2,091명
        Assert.Null(q4.Achievement.Rate); // no target: nothing to compute, and nothing borrowed
        Assert.True(q4.Actual!.IsEntered);
        Assert.StartsWith("입력 (김기획, ", q4.Actual.SourceLabel, StringComparison.Ordinal);

        row = await RowAsync("H2023-05");
        Assert.True((await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, target: "800명", actual: "2,500명"))).Saved);
        q4 = (await query.GetListAsync(2023, 4)).Rows.Single(r => r.Code == "H2023-05");
        Assert.Equal(2500m / 800m, q4.Achievement.Rate);
        Assert.Equal(AchievementStatus.Achieved, q4.Achievement.Status);

        // The closed Q3 report keeps its own figure and its stated rate.
        var q3 = (await query.GetListAsync(2023, 3)).Rows.Single(r => r.Code == "H2023-05");
        Assert.Equal(("2,091명", "목표대비 382%", false), (q3.Actual!.Raw, q3.StatedRateRaw, q3.Actual.IsEntered));
        Assert.Equal("보고서", q3.Actual.SourceLabel);
    }

    [Fact]
    public async Task TooLongTextIsRefusedInKoreanNamingTheFieldAndNothingIsWritten()
    {
        var row = await RowAsync("H2023-01");
        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, target: new string('1', 101), action: new string('가', 2001)));
        Assert.False(result.Saved);
        Assert.Equal("목표는 100자 이내로 입력하세요 (현재 101자).", result.Errors[nameof(IndicatorEntryForm.Target)]);
        Assert.Equal("조치 계획은 2,000자 이내로 입력하세요 (현재 2,001자).", result.Errors[nameof(IndicatorEntryForm.Action)]);
        await using var db = _db.CreateContext();
        Assert.False(await db.IndicatorValues.AnyAsync(v => v.ReportingPeriodId != null));
    }

    [Fact]
    public async Task TextWithoutANumberIsSavedWithANotice()
    {
        var row = await RowAsync("H2023-01");
        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, actual: "진행중"));
        Assert.True(result.Saved);
        Assert.Contains("숫자가 없어", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPeopleEditingTheSameIndicatorTheSecondGetsAConflictShowingTheFirstChange()
    {
        var opened = await RowAsync("T2023-1.1.2"); // both open the form from the same state
        var first = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(opened, actual: "1,500명"));
        Assert.True(first.Saved);

        var second = await IndicatorEntry(_db).SaveAsync(OtherPlanner, 2023, 4, Form(opened, actual: "1,450명"));
        Assert.False(second.Saved);
        var conflict = Assert.IsType<SaveConflict>(second.Conflict);
        Assert.Equal("김기획", conflict.By);
        Assert.NotNull(conflict.At);
        var actual = conflict.Values.Single(v => v.Label == "실적");
        Assert.Equal("1,500명", actual.Theirs);
        Assert.Equal("1,450명", actual.Mine);
        Assert.Contains("김기획님이", conflict.Message, StringComparison.Ordinal);

        await using (var db = _db.CreateContext())
        {
            Assert.Equal("1,500명", (await db.IndicatorValues.SingleAsync(v => v.ReportingPeriodId != null)).Raw); // nothing lost
        }

        // Having seen the other change, saving again from the conflict's version is a deliberate overwrite.
        var again = Form(opened, actual: "1,450명");
        again.Token = conflict.CurrentToken;
        Assert.True((await IndicatorEntry(_db).SaveAsync(OtherPlanner, 2023, 4, again)).Saved);
    }

    [Fact]
    public async Task BlankingAnEnteredCellRemovesItAndTheEarlierValueAppliesAgain()
    {
        var row = await RowAsync("T2023-1.1.1");
        var saved = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, target: "450명"));
        var form = Form(await RowAsync("T2023-1.1.1"));
        Assert.True((await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, form)).Saved);
        Assert.True(saved.Saved);
        var after = await RowAsync("T2023-1.1.1");
        Assert.Null(after.EnteredTarget);
        Assert.Equal("400명", after.Target!.Raw);
    }

    [Fact]
    public async Task AClosedPeriodRefusesTheSave()
    {
        var row = await RowAsync("H2023-02");
        var periods = PeriodAdmin(_db);
        var q4 = (await periods.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 4);
        Assert.True((await periods.CloseAsync(Administrator, 2023, 4, q4.Version)).Saved);

        var result = await IndicatorEntry(_db).SaveAsync(Planner, 2023, 4, Form(row, actual: "200건"));
        Assert.False(result.Saved);
        Assert.Equal("2023년 4분기는 마감되어 입력할 수 없습니다 (2023. 12. 31. 기준 보고).", result.Errors[WriteResult.General]);
    }
}
