using System.Globalization;
using Fifty.Ops.Layout;

namespace Fifty.Ops.Tests.Layout;

/// <summary>The theme's text colours are readable (WCAG 2 contrast ≥ 4.5:1) on the backgrounds they are used on.</summary>
public sealed class FiftyOpsThemeTests
{
    private static double Luminance(string hex)
    {
        var rgb = Enumerable.Range(0, 3).Select(i => int.Parse(hex.TrimStart('#').AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0)
            .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    private static double Contrast(string a, string b)
    {
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    [Fact]
    public void EveryTextColourHasAContrastOfAtLeastFourAndAHalfToOne()
    {
        var p = FiftyOpsTheme.Theme.PaletteLight;
        var pairs = new (string Name, string Text, string Background)[]
        {
            ("본문", p.TextPrimary.Value, p.Background.Value),
            ("본문 (카드)", p.TextPrimary.Value, p.Surface.Value),
            ("보조 글자", p.TextSecondary.Value, p.Background.Value),
            ("보조 글자 (카드)", p.TextSecondary.Value, p.Surface.Value),
            ("링크·주 버튼 글자", p.Primary.Value, p.Surface.Value),
            ("주 버튼", p.PrimaryContrastText.Value, p.Primary.Value),
            ("보조 버튼", p.SecondaryContrastText.Value, p.Secondary.Value),
            ("정보", p.InfoContrastText.Value, p.Info.Value),
            ("성공", p.SuccessContrastText.Value, p.Success.Value),
            ("경고", p.WarningContrastText.Value, p.Warning.Value),
            ("오류", p.ErrorContrastText.Value, p.Error.Value),
            ("상단 막대", p.AppbarText.Value, p.AppbarBackground.Value),
            ("메뉴", p.DrawerText.Value, p.DrawerBackground.Value),
            ("메뉴 아이콘", p.DrawerIcon.Value, p.DrawerBackground.Value),
        };

        Assert.Empty(pairs.Where(x => Contrast(x.Text, x.Background) < 4.5).Select(x => $"{x.Name}: {Contrast(x.Text, x.Background):0.00}:1"));
    }

    [Fact]
    public void BodyTextIsSixteenPixelsInTheSelfHostedKoreanFace()
    {
        var t = FiftyOpsTheme.Theme.Typography;
        Assert.Equal("1rem", t.Default.FontSize);
        Assert.Equal("1rem", t.Body1.FontSize);
        Assert.Equal("1rem", t.Body2.FontSize);
        Assert.Equal("Pretendard", t.Default.FontFamily![0]);
    }
}
