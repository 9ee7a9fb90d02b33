using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;

namespace Fifty.Ops.Tests.Reading;

public sealed class NumberTextTests
{
    public static TheoryData<string, string?, string?> Amounts => new()
    {
        // typed text, the value it must read as (null: refused), a fragment of the Korean refusal
        { "1,234,567", "1234567", null },
        { "１２３", null, "전각 숫자" },                  // full-width digits (IME full-width mode): refused, issue 17
        { "1２3", null, "전각 숫자" },                    // one full-width digit among half-width ones
        { "1，234", "1234", null },                      // full-width comma with half-width digits
        { "١٢٣", "123", null },                         // Arabic-Indic digits
        { "۱۲۳", "123", null },                         // Extended Arabic-Indic (Persian) digits
        { "१२३", "123", null },                         // Devanagari digits
        { "1\u00A0234", null, "빈칸" },                  // NBSP inside a number: two numbers or grouping? refused
        { "\u2009123\u2009", "123", null },             // thin spaces around
        { "\u200B12\u200B3", "123", null },             // zero-width spaces are dropped
        { "△48,608", "-48608", null },
        { "▲48,608", "-48608", null },
        { "−48,608", "-48608", null },                  // U+2212 minus
        { "－48,608", "-48608", null },                  // full-width hyphen-minus
        { "-48,608", "-48608", null },
        { "(48,608)", null, "괄호로 쓴 음수" },
        { "1,2", null, "쉼표 자리" },
        { "12,34,567", null, "쉼표 자리" },
        { "1234,", null, "쉼표 자리" },
        { "1.234.567", null, "소수점이나 쉼표가 여러 번" },
        { "12.5", null, "소수 불가" },
        { "1e20", null, "지수 표기" },
        { "1E+20", null, "지수 표기" },
        { "99999999999999999999999999999999999", null, "너무 큽니다" },
        { "1000000000000", null, "너무 큽니다" },
        { "3만", null, "단위 말" },
        { "1억 2천만", null, "단위 말" },
        { "약 3천", null, "숫자가 아닙니다" },
        { "12x", null, "숫자가 아닙니다" },
        { "1,234천원", "1234", null },
        { "1,234원", null, "천원 단위로" },
        { "①", null, "숫자가 아닙니다" },               // circled digits are list markers, not numbers
        { "1٢3", null, "문자 체계" },                    // two scripts in one number
        { "-", null, "숫자가 아닙니다" },
        { "∞", null, "숫자가 아닙니다" },
        { "NaN", null, "숫자가 아닙니다" },
        { "0x10", null, "숫자가 아닙니다" },
        { "٫5", null, "숫자가 아닙니다" },
        { "\uD800", null, "숫자가 아닙니다" },           // a lone surrogate
        { "", null, null },
        { "   ", null, null },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void EveryAmountFormIsReadOrRefusedInKoreanNeverThrown(string typed, string? expected, string? refusal)
    {
        var ok = NumberText.TryRead(typed, NumberRules.SignedAmount, out var value, out var error);
        if (expected is not null)
        {
            Assert.True(ok, error);
            Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        }
        else if (refusal is null)
        {
            Assert.True(ok);
            Assert.Null(value); // blank is "not entered", never zero
        }
        else
        {
            Assert.False(ok);
            Assert.Null(value);
            Assert.Contains(refusal, error, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string?, string?, string?> IndicatorCells => new()
    {
        // cell as written, main number, sub number, a fragment of the error
        { "27,685 (5,383)", "27685", "5383", null },
        { "6/650", "6", "650", null },
        { "1만건", "10000", null, null },
        { "9,800건", "9800", null, null },
        { "1억 2천만", "120000000", null, null },
        { "1억2천만 원", "120000000", null, null },
        { "1만5천명", "15000", null, null },
        { "1,200만 원", "12000000", null, null },
        { "1.5만명", "15000", null, null },
        { "3천5백", "3500", null, null },
        { "１", null, null, "전각 숫자" },
        { "１，２３４명", null, null, "전각 숫자" },
        { "٣٢١ 명", "321", null, null },
        { "진행중", null, null, null },
        { "-", null, null, null },
        { "-5명", null, null, "0 이상" },
        { "△5명", null, null, "0 이상" },
        { "1e20", null, null, "지수 표기" },
        { "1,2차", null, null, "쉼표 자리" },
        { "1 234명", null, null, "빈칸" },
        { "2천3백만억", null, null, "순서" },
        { "5백3천", null, null, "순서" },
        { "2000000000000명", null, null, "너무 큽니다" },
        { "총 5,200명", "5200", null, null },
        { "목표대비 90%", "90", null, null },
        { "1,000명 (-5)", null, null, "0 이상" },
    };

    [Theory]
    [MemberData(nameof(IndicatorCells))]
    public void IndicatorCellsReadUnitWordsAndAnyDigitsOrSayWhyNot(string raw, string? main, string? sub, string? error)
    {
        var reading = IndicatorCellText.Read(raw);
        Assert.Equal(main is null ? null : decimal.Parse(main, System.Globalization.CultureInfo.InvariantCulture), reading.Main);
        Assert.Equal(sub is null ? null : decimal.Parse(sub, System.Globalization.CultureInfo.InvariantCulture), reading.Sub);
        if (error is null) Assert.Null(reading.Error);
        else Assert.Contains(error, reading.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoGeneratedTextMakesAnyReaderThrow()
    {
        // Fuzz-ish: every combination of a few hostile pieces, through every reader, must give a value or a message.
        string[] pieces = ["1", "٣", "１", ",", "，", ".", " ", "\u00A0", "-", "△", "만", "억", "천", "e", "(", ")", "/", "명", "%", "\u200B", "9999999999"];
        var random = new Random(19);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (var rules in new[] { NumberRules.Amount, NumberRules.SignedAmount, NumberRules.Count, NumberRules.Figure })
            {
                var ok = NumberText.TryRead(text, rules, out var value, out var error);
                Assert.True(ok ? error is null : error is { Length: > 0 } && value is null, $"{text}: {error}");
                if (value is { } v) Assert.True(Math.Abs(v) <= rules.Max && (rules.AllowNegative || v >= 0), text);
            }

            var cell = IndicatorCellText.Read(text);
            Assert.True(cell.Error is null || cell.Main is null, text);
            if (cell.Main is { } m) Assert.InRange(m, 0, NumberRules.Largest);
            _ = AmountText.TryParse(text, true, out _, out _);
            _ = DateText.TryRead(text, out _, out _);
        }
    }

    [Theory]
    [InlineData("１２３", NumberText.FullWidthDigits)]
    [InlineData("１，２３４명", NumberText.FullWidthDigits)]
    public void AFullWidthDigitIsRefusedWithTheHalfWidthFormToUse(string typed, string message)
    {
        // The product brief: a full-width digit gets a clear Korean message and changes nothing (decision 0010, amended).
        foreach (var rules in new[] { NumberRules.Amount, NumberRules.SignedAmount, NumberRules.Count, NumberRules.Figure })
        {
            Assert.False(NumberText.TryRead(typed, rules, out var value, out var error));
            Assert.Null(value);
            Assert.Equal(message, error);
        }

        Assert.False(DateText.TryRead("２０２４-０２-２９", out _, out var dateError));
        Assert.Equal(NumberText.FullWidthDigits, dateError);
    }

    [Theory]
    [InlineData("2025-02-29", "없는 날짜입니다 (2025년 2월은 28일까지")]
    [InlineData("2023-13-01", "월은 1~12")]
    [InlineData("2023/12/32", "없는 날짜입니다")]
    [InlineData("31-12-2023", "연-월-일로")]
    public void AnImpossibleDateIsToldApartFromAWrongFormat(string typed, string message)
    {
        Assert.False(DateText.TryRead(typed, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("٢٠٢٤-٠٢-٢٩")]
    [InlineData("2024.2.29.")]
    public void ARealDateIsReadInAnyDigitsAndSeparator(string typed)
    {
        Assert.True(DateText.TryRead(typed, out var date, out var error), error);
        Assert.Equal(new DateOnly(2024, 2, 29), date);
    }
}
