using System.Globalization;

namespace Fifty.Ops.Components;

/// <summary>The display unit of an amount that is stored in 천원. Only the shown text is rounded; sums use the exact figure.</summary>
public enum AmountUnit
{
    Thousand,
    Million,
    HundredMillion,
}

public static class AmountUnits
{
    private static readonly CultureInfo Ko = CultureInfo.GetCultureInfo("ko-KR");

    public static readonly IReadOnlyList<AmountUnit> All = [AmountUnit.Thousand, AmountUnit.Million, AmountUnit.HundredMillion];

    public static string Label(this AmountUnit unit) => unit switch
    {
        AmountUnit.Million => "백만원",
        AmountUnit.HundredMillion => "억원",
        _ => "천원",
    };

    /// <summary>How many 천원 make one display unit.</summary>
    public static decimal Divisor(this AmountUnit unit) => unit switch
    {
        AmountUnit.Million => 1_000m,
        AmountUnit.HundredMillion => 100_000m,
        _ => 1m,
    };

    /// <summary>억원 keeps one decimal: most detailed projects are below 1억원 and would otherwise all read 0.</summary>
    public static int Decimals(this AmountUnit unit) => unit == AmountUnit.HundredMillion ? 1 : 0;

    /// <summary>An amount in 천원 written in the unit, rounded half away from zero like every figure in the reports.</summary>
    public static string Format(decimal? thousands, AmountUnit unit)
    {
        if (thousands is null) return Fmt.None;
        var decimals = unit.Decimals();
        var scaled = Math.Round(thousands.Value / unit.Divisor(), decimals, MidpointRounding.AwayFromZero);
        return scaled.ToString(decimals == 0 ? "#,##0" : "#,##0.0", Ko);
    }
}
