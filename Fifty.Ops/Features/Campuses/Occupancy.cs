using System.Globalization;

namespace Fifty.Ops.Features.Campuses;

/// <summary>
/// Shared-office occupancy (사용률) = occupied seats ÷ seats. The seat count is the denominator; a rate exists only when
/// both are known and there is at least one seat.
/// </summary>
public static class Occupancy
{
    public static decimal? Rate(int? occupied, int? seats) =>
        occupied is null || seats is null || seats <= 0 ? null : (decimal)occupied.Value / seats.Value;

    /// <summary>More seats occupied than exist: a recording error, refused on entry.</summary>
    public static bool Exceeds(int? occupied, int? seats) => occupied is not null && seats is not null && occupied > seats;

    /// <summary>
    /// Whether a rate printed by a source (<c>85.6%</c>) agrees with occupied ÷ seats at one decimal; null when either
    /// side is missing or the printed text holds no number.
    /// </summary>
    public static bool? StatedRateMatches(string? statedRaw, decimal? computed)
    {
        if (computed is null || string.IsNullOrWhiteSpace(statedRaw)) return null;
        var text = statedRaw.Trim().TrimEnd('%').Replace(',', '.');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var stated)) return null;
        var decimals = text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        return Math.Round(computed.Value * 100m, decimals, MidpointRounding.AwayFromZero) == stated;
    }
}
