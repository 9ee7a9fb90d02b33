using Fifty.Ops.Infrastructure.Excel;

namespace Fifty.Ops.Tests.Infrastructure.Excel;

public sealed class ExcelTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+A1", "'+A1")]
    [InlineData("+1", "+1")]
    [InlineData("-A1+1", "'-A1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("- 항목", "'- 항목")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0")]
    [InlineData("\r@SUM(A1)", "'\r@SUM(A1)")]
    [InlineData("\tcmd", "\tcmd")]
    [InlineData("-", "-")]
    [InlineData(" - ", " - ")]
    [InlineData("=", "=")]
    [InlineData("-48,608", "-48,608")]
    [InlineData("+3.5%", "+3.5%")]
    [InlineData("중장년 맞춤형 인턴십", "중장년 맞춤형 인턴십")]
    [InlineData("[보조금]사업 = 운영", "[보조금]사업 = 운영")]
    [InlineData("", "")]
    public void OnlyTextThatASpreadsheetWouldRunAsAFormulaIsEscaped(string text, string expected)
    {
        Assert.Equal(expected, ExcelText.ForCell(text));
        Assert.Equal(text, ExcelText.UnescapeFormula(ExcelText.ForCell(text)));
    }

    [Fact]
    public void CharactersXmlCannotCarryAreRemovedAndHangulAndEmojiKept()
    {
        Assert.Equal("ab\tc\nd", ExcelText.StripIllegalXml("a\u0001b\tc\nd\u0008"));
        Assert.Equal("가😀", ExcelText.StripIllegalXml("가😀\uFFFE"));
        Assert.Equal("x", ExcelText.StripIllegalXml("x\uD800")); // a lone surrogate
        Assert.Equal("'=1", ExcelText.ForCell("\u0002=1")); // stripped first, then escaped
    }

    [Fact]
    public void AnAmpersandInAFooterIsNotAFieldCode() =>
        Assert.Equal("R&&D", ExcelText.ForHeaderFooter("R&D"));

    [Fact]
    public void HangulIsCountedTwiceAsWideAsLatinText()
    {
        Assert.Equal(ColumnWidths.Of("abcd"), ColumnWidths.Of("가나"));
        Assert.Equal(2 * 10 + 2, ColumnWidths.Of("중장년맞춤형인턴십지원"[..10]));
        Assert.Equal(8, ColumnWidths.Fit([], min: 8));
        Assert.Equal(30, ColumnWidths.Fit([new string('가', 40)], max: 30));
        Assert.Equal(ColumnWidths.Of("집행률"), ColumnWidths.Of("집행률\n(원인)"));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(703, "AAA")]
    public void ColumnsAreNamedLikeExcel(int column, string name) => Assert.Equal(name, XlsxSheetWriter.ColumnName(column));

    [Theory]
    [InlineData("38649012.0", "38649012")]
    [InlineData("-48608", "-48608")]
    [InlineData("0.5", "0.5")]
    public void NumbersAreWrittenInvariantWithoutTrailingZeros(string value, string written) =>
        Assert.Equal(written, XlsxSheetWriter.NumberText(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
