namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>One cell of a streamed row: a number, a text, or nothing, with its style index.</summary>
public readonly record struct XlsxCell(decimal? Number, string? Text, uint Style)
{
    public static XlsxCell Of(decimal? number, uint style) => new(number, null, style);

    /// <summary>Text is made safe on the way in (<see cref="ExcelText.ForCell"/>).</summary>
    public static XlsxCell Of(string? text, uint style) => new(null, text is null ? null : ExcelText.ForCell(text), style);

    public static XlsxCell Blank(uint style = 0) => new(null, null, style);

    /// <summary>A formula (without the leading '='), with the value it evaluates to cached so readers need no recalculation.</summary>
    public string? Formula { get; init; }

    public static XlsxCell Calc(string formula, decimal? cached, uint style) => new(cached, null, style) { Formula = formula };
}
