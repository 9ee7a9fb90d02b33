using System.Text.RegularExpressions;

namespace Fifty.Ops.Components;

/// <summary>
/// Where a figure comes from, in words a reader knows: the transcribed report's file name
/// (<c>2023-11_50plus_work_report.txt › 붙임</c>) becomes "2023년 11월 주요업무보고 › 붙임", a seed or demo file path
/// becomes 기초 자료 / 예시 데이터. The stored source text is unchanged; only what the screen shows is translated.
/// </summary>
public static partial class SourceText
{
    /// <summary>Null or empty stays as it is (the caller shows its own "없음").</summary>
    public static string? Describe(string? source)
    {
        if (string.IsNullOrEmpty(source)) return source;
        var text = ReportFile().Replace(source, m => $"{m.Groups["y"].Value}년 {int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture)}월 주요업무보고");
        text = SeedFile().Replace(text, m => m.Value.Contains("demo", StringComparison.OrdinalIgnoreCase) ? "예시 데이터" : "기초 자료");
        return text;
    }

    /// <summary>
    /// The year a row's facts are stated for, by their real source: "2023년 보고서에서 이월" for a row the roll-over
    /// copied (its source reads "2023년 체계에서 이월 › …"), else "<paramref name="year"/>년 보고서".
    /// </summary>
    public static string YearSource(int year, string? source) =>
        source is not null && Carried().Match(source) is { Success: true } m ? $"{m.Groups["y"].Value}년 보고서에서 이월" : $"{year}년 보고서";

    [GeneratedRegex(@"^(?<y>\d{4})년 체계에서 이월")]
    private static partial Regex Carried();

    [GeneratedRegex(@"(?<y>\d{4})-(?<m>\d{2})_50plus_work_report\.txt")]
    private static partial Regex ReportFile();

    [GeneratedRegex(@"(?:[A-Za-z]:)?[/\\]?\S*(?:seed-data|\.csv|\.json)\S*")]
    private static partial Regex SeedFile();
}
