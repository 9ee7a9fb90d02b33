using System.Globalization;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features.Reports;

/// <summary>
/// Where a part of the report that is set up once a year is entered, for the report to say so when it has no data: as
/// plain text in the printed document and the workbook, as a link on the reports page and the entry hub.
/// </summary>
public static class ReportEntryPoints
{
    /// <summary>The menu path of the 예산 총괄 screen.</summary>
    public const string SummaryPlace = "연도 설정 › 예산 총괄";

    /// <summary>The menu path of the screen where 정원/현원 (인력 현황) is entered.</summary>
    public const string StaffingPlace = "연도 설정 › 기관 현황·인력";

    public static string SummaryHref(int year) => string.Create(CultureInfo.InvariantCulture, $"/setup/budget-summary?year={year}");

    public static string StaffingHref(int year) => string.Create(CultureInfo.InvariantCulture, $"/setup/profile?year={year}");

    /// <summary>" — 연도 설정 › 예산 총괄에서 입력 (관리자·기획담당)": the tail a missing part's message gets.</summary>
    public static string Tail(string place) => $" — {place}에서 입력 ({Policies.Holders(Policies.CanSetUpYear)})";
}
