using Fifty.Ops.Features.Budget.Reconciliation;

namespace Fifty.Ops.Tests.Budget.Reconciliation;

public sealed class TextMatchingTests
{
    [Theory]
    [InlineData("93.4%", 93.4, 1, true, false)]
    [InlineData("54.14%", 54.14, 2, true, false)]
    [InlineData("99.9", 99.9, 1, false, false)]
    [InlineData("100,0%", 100.0, 1, true, true)]
    [InlineData("100", 100, 0, false, false)]
    public void PrintedRatesAreReadWithTheirPrecisionAndQuirks(string raw, double percent, int decimals, bool sign, bool comma)
    {
        var rate = StatedRateText.Parse(raw)!;
        Assert.Equal(((decimal)percent, decimals, sign, comma), (rate.Percent, rate.Decimals, rate.HasPercentSign, rate.CommaAsDecimalPoint));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("진행중")]
    [InlineData("1,000%")]
    [InlineData("")]
    public void TextThatIsNotARateIsNotReadAsOne(string raw) => Assert.Null(StatedRateText.Parse(raw));

    [Fact]
    public void RoundingIsHalfAwayFromZeroAtThePrintedPrecision()
    {
        var rate = StatedRateText.Parse("54.14%")!;
        Assert.Equal(54.15m, rate.RoundLikeSource(54.145m));
        Assert.True(rate.IsTruncationOf(54.1453m));
        Assert.Equal("54.1%", rate.Conventional);
    }

    [Theory]
    [InlineData("중장년 사회공헌활동(보람일자리) 확대", "중장년사회공헌활동확대")]
    [InlineData("① 50+일모델 개발 및 확산", "50일모델개발및확산")]
    [InlineData("도심권역중장년지원강화　", "도심권역중장년지원강화")]
    [InlineData("성과급", "평가급")]
    public void NamesAreComparedWithoutBracketsSpacesAndSymbols(string name, string normalized) =>
        Assert.Equal(normalized, NameMatch.Normalize(name));

    [Fact]
    public void ANearMissIsAcceptedOnlyWhenItIsTheOnlyCloseName()
    {
        string[] tasks = ["⑤ 50+거버넌스 및 파트너십 구축으로 협력 상생 문화조성", "⑥ 50+신문화 확산을 통한 인식 제고 및 참여 활성화"];
        Assert.Equal(tasks[0], NameMatch.Best("50+가버너스 및 파트너십 구축으로 협력 상생 문화 조성", tasks, t => t));
        Assert.Null(NameMatch.Best("중장년층인생재설계및사회참여지원", tasks, t => t));
        Assert.Null(NameMatch.Best("가나", ["가다", "가라"], t => t));
    }
}
