namespace Fifty.Ops.Data.Seeding;

/// <summary>What an indicator cell says: its main number, a sub-count, or why its number cannot be read.</summary>
/// <param name="Main">The first number (null: the cell holds no number, e.g. <c>진행중</c>, or it cannot be read).</param>
/// <param name="Sub">The number in brackets or after a slash (<c>27,685 (5,383)</c>, <c>6/650</c>).</param>
/// <param name="Error">Why a number in the cell cannot be used, in Korean (null when it can, or when there is none).</param>
public sealed record IndicatorCellReading(decimal? Main, decimal? Sub, string? Error);
