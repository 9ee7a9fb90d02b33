using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Fifty.Ops.Components;

/// <summary>The year/quarter selection lives in the query string so every view is bookmarkable.</summary>
public static class PeriodQuery
{
    public static (int? Year, int? Quarter) Parse(string uri)
    {
        var values = QueryHelpers.ParseQuery(new Uri(uri).Query);
        return (ParseInt(values.TryGetValue("year", out var y) ? y.ToString() : null),
                ParseInt(values.TryGetValue("quarter", out var q) ? q.ToString() : null));
    }

    public static string FromUri(string uri)
    {
        var (year, quarter) = Parse(uri);
        return Build(year, quarter);
    }

    public static string Build(int? year, int? quarter) =>
        (year, quarter) switch
        {
            (null, _) => "",
            (int y, null) => $"?year={y}",
            (int y, int q) => $"?year={y}&quarter={q}",
        };

    private static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
