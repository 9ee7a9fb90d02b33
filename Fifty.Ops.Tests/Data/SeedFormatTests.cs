using Fifty.Ops.Data.Seeding;

namespace Fifty.Ops.Tests.Data;

public sealed class SeedFormatTests
{
    [Theory]
    [InlineData("27,685 (5,383)", 27685, 5383)]
    [InlineData("6/650", 6, 650)]
    [InlineData("11/1,356", 11, 1356)]
    [InlineData("1,785명", 1785, null)]
    [InlineData("목표대비 149%", 149, null)]
    [InlineData("총 5,200명", 5200, null)]
    [InlineData("800명(신규)", 800, null)]
    public void ReadsTheMainAndSubNumberOfACell(string raw, int main, int? sub)
    {
        var (m, s) = IndicatorCellText.Parse(raw);
        Assert.Equal(main, m);
        Assert.Equal(sub, s);
    }

    [Theory]
    [InlineData("진행중")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData(null)]
    public void ReadsNoNumberFromATextOrEmptyCell(string? raw) => Assert.Equal((null, null), IndicatorCellText.Parse(raw));

    [Fact]
    public void ParsesQuotedFieldsWithCommasQuotesAndNewlines()
    {
        var rows = CsvTable.Parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n", "t.csv");
        Assert.Equal(["x, y", "say \"hi\"", "line1\nline2"], rows[1]);
    }

    [Fact]
    public void RejectsAnUnclosedQuoteNamingTheFileAndLine()
    {
        var ex = Assert.Throws<SeedDataException>(() => CsvTable.Parse("a,b\n\"open,1\n", "broken.csv"));
        Assert.Contains("broken.csv", ex.Message);
        Assert.Contains("닫히지 않은 따옴표", ex.Message);
    }

    [Fact]
    public void NamesFileLineAndColumnOfANonNumericAmount()
    {
        var path = Path.Combine(Path.GetTempPath(), $"amounts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "item,amount\n인건비,12x\n");
        try
        {
            var row = CsvTable.Read(path).Rows[0];
            var ex = Assert.Throws<SeedDataException>(() => row.Number("amount"));
            Assert.Contains("2행 'amount': 숫자가 아닙니다 ('12x')", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
