using Fifty.Ops.Features.Campuses;

namespace Fifty.Ops.Tests.Campuses;

public sealed class UsageEntryRulesTests
{
    private static UsageEntryForm Form(string month = "10", string visits = "1200", string occupied = "") =>
        new() { CampusCode = "west", Year = 2023, Month = month, Visits = visits, OccupiedSeats = occupied };

    private static readonly EntryContext Open2023 = new("서울시50플러스 서부캠퍼스",
        [new EntryPeriod(3, new DateOnly(2023, 9, 30), IsClosed: true), new EntryPeriod(4, new DateOnly(2023, 12, 31), IsClosed: false)],
        new DateOnly(2016, 5, 2), false, "2016.5.2.", 48);

    [Theory]
    [InlineData("Visits", "-5", "방문 인원은 0 이상의 정수여야 합니다")]
    [InlineData("Visits", "12.5", "방문 인원은 0 이상의 정수여야 합니다")]
    [InlineData("CourseParticipants", "abc", "교육과정 참여 인원은 0 이상의 정수여야 합니다")]
    [InlineData("CounsellingCases", "1 2", "상담 건수는 0 이상의 정수여야 합니다")]
    [InlineData("Communities", "+3", "커뮤니티 수는 0 이상의 정수여야 합니다")]
    [InlineData("OccupiedSeats", "99999999999", "입주 좌석 수는 0 이상의 정수여야 합니다")]
    public void ANonIntegerOrNegativeFigureIsRefusedNamingItsField(string field, string typed, string message)
    {
        var form = Form();
        typeof(UsageEntryForm).GetProperty(field)!.SetValue(form, typed);
        var errors = UsageEntryRules.Parse(form, out var entry);
        Assert.Null(entry);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Text, StringComparison.Ordinal);
        Assert.Contains(typed, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThousandsSeparatorsAreReadAndBlanksStayUnentered()
    {
        var errors = UsageEntryRules.Parse(Form(visits: "12,345"), out var entry);
        Assert.Empty(errors);
        Assert.Equal(12345, entry!.Visits);
        Assert.Null(entry.CounsellingCases);
        Assert.Null(entry.OccupiedSeats);
    }

    [Fact]
    public void AnEntryWithNoFigureIsRefused()
    {
        var errors = UsageEntryRules.Parse(Form(visits: " "), out _);
        Assert.Equal("입력한 값이 없습니다. 한 항목 이상 입력하세요.", Assert.Single(errors).Text);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("13")]
    [InlineData("3월")]
    public void AMonthOutsideTheYearIsRefused(string month)
    {
        var error = Assert.Single(UsageEntryRules.Parse(Form(month: month), out _));
        Assert.Equal(nameof(UsageEntryForm.Month), error.Field);
        Assert.StartsWith("월은 1~12 사이여야 합니다", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroIsAFigureNotAGap()
    {
        Assert.Empty(UsageEntryRules.Parse(Form(visits: "0"), out var entry));
        Assert.Equal(0, entry!.Visits);
    }

    private static IReadOnlyList<EntryMessage> Check(UsageEntryForm form, EntryContext context, out IReadOnlyList<string> notices)
    {
        Assert.Empty(UsageEntryRules.Parse(form, out var entry));
        return UsageEntryRules.Check(entry!, context, out notices);
    }

    [Fact]
    public void AMonthOfAClosedQuarterIsRefused()
    {
        var errors = Check(Form(month: "8"), Open2023, out _);
        Assert.Equal("2023년 3분기는 마감되어 입력할 수 없습니다 (2023. 9. 30. 기준 보고).", Assert.Single(errors).Text);
    }

    [Fact]
    public void AnEarlierMonthIsRefusedTooBecauseTheClosedReportIsCumulative()
    {
        var errors = Check(Form(month: "2"), Open2023, out _);
        Assert.Equal("2023년 3분기가 마감되어 그 이전인 1분기도 입력할 수 없습니다 (분기 보고는 연초부터 누적됩니다).", Assert.Single(errors).Text);
    }

    [Fact]
    public void AMonthAfterTheClosedQuarterIsAcceptedWhenItsQuarterIsOpen() => Assert.Empty(Check(Form(month: "10"), Open2023, out _));

    [Fact]
    public void AMonthWhoseQuarterHasNoPeriodIsRefusedLikeEveryOtherWrite()
    {
        // The fault: /campuses/entry?year=2020 saved 2020-12 although no 2020 Q4 period was ever opened.
        var errors = Check(Form(month: "12"), Open2023 with { Periods = [Open2023.Periods[0]] }, out _);
        Assert.Equal("2023년 4분기 보고 기간이 없습니다. 관리자가 기간을 먼저 열어야 합니다.", Assert.Single(errors).Text);
    }

    [Fact]
    public void AYearWithoutReportingPeriodsIsRefused()
    {
        var errors = Check(Form(), Open2023 with { Periods = [] }, out _);
        Assert.Equal("2023년은 등록된 보고 기간이 없어 입력할 수 없습니다.", Assert.Single(errors).Text);
    }

    [Fact]
    public void OccupiedSeatsAboveTheSeatCountAreRefusedOnTheirField()
    {
        var errors = Check(Form(occupied: "12"), Open2023 with { Seats = 10 }, out _);
        var error = Assert.Single(errors);
        Assert.Equal(nameof(UsageEntryForm.OccupiedSeats), error.Field);
        Assert.Equal("입주 좌석 수(12)가 좌석 수(10)를 넘습니다.", error.Text);
    }

    [Fact]
    public void OccupiedSeatsEqualToTheSeatCountAreAccepted() => Assert.Empty(Check(Form(occupied: "10"), Open2023 with { Seats = 10 }, out _));

    [Fact]
    public void WithoutASeatCountOccupiedSeatsAreAcceptedWithANotice()
    {
        Assert.Empty(Check(Form(occupied: "12"), Open2023 with { Seats = null }, out var notices));
        Assert.Contains("사용률을 계산할 수 없습니다", Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public void WithZeroSeatsAnyOccupiedSeatIsRefusedAndZeroIsAcceptedWithoutARate()
    {
        Assert.Single(Check(Form(occupied: "1"), Open2023 with { Seats = 0 }, out _));
        Assert.Empty(Check(Form(occupied: "0"), Open2023 with { Seats = 0 }, out var notices));
        Assert.Contains("좌석 수가 0이어서", Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public void ACampusNotYetOpenTakesNoEntry()
    {
        var east = new EntryContext("서울시50플러스 동부캠퍼스", Open2023.Periods, null, true, "2024.4월 예정", null);
        Assert.Equal("서울시50플러스 동부캠퍼스는 개관 전이어서 자료를 입력할 수 없습니다 (개관: 2024.4월 예정).", Assert.Single(Check(Form(), east, out _)).Text);
    }

    [Fact]
    public void AMonthBeforeTheOpeningDateTakesNoEntry()
    {
        var north2020 = new EntryContext("서울시50플러스 북부캠퍼스", [new EntryPeriod(3, new DateOnly(2020, 7, 31), true), new EntryPeriod(4, new DateOnly(2020, 12, 31), false)],
            new DateOnly(2020, 11, 27), false, null, null);
        var form = Form();
        form.Year = 2020;
        Assert.Equal("서울시50플러스 북부캠퍼스는 2020. 11. 27. 개관하여 2020년 10월 자료를 입력할 수 없습니다 (개소일 이전의 달).", Assert.Single(Check(form, north2020, out _)).Text);
        form.Month = "11";
        Assert.Empty(Check(form, north2020, out _));
    }

    [Theory]
    [InlineData("방문 인원", "방문 인원은")]
    [InlineData("상담 건수", "상담 건수는")]
    [InlineData("서울시50플러스 서부캠퍼스", "서울시50플러스 서부캠퍼스는")]
    public void TheTopicParticleFollowsTheLastSyllable(string noun, string expected) => Assert.Equal(expected, UsageEntryRules.WithTopic(noun));
}
