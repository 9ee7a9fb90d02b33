using System.Net;
using Fifty.Ops.Features.FiscalYear.Profile;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The institution profile (/setup/profile) and the name every page and export takes from it.</summary>
public sealed class ProfileSetupTests : AppTestBase
{
    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task RenamingTheInstitutionChangesThePageTitleTheLayoutAndEveryExport()
    {
        var client = await App.CreateClientAsync(AppRoles.Planner);
        var before = Decode(await client.GetStringAsync("/budget?year=2023&quarter=3"));
        Assert.Contains("<title>예산·집행 · 서울특별시 50플러스재단 · Fifty.Ops</title>", before, StringComparison.Ordinal);

        var profile = await Get<ProfileSetupService>().GetAsync(2023);
        Assert.True(profile.Exists);
        profile.Form.Name = "서울중장년재단";
        var saved = await Get<ProfileSetupService>().SaveAsync(Planner, 2023, profile.Form);
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));

        var page = Decode(await client.GetStringAsync("/budget?year=2023&quarter=3"));
        Assert.Contains("<title>예산·집행 · 서울중장년재단 · Fifty.Ops</title>", page, StringComparison.Ordinal);
        Assert.Contains("서울중장년재단 운영 현황", page, StringComparison.Ordinal);
        Assert.DoesNotContain("50플러스재단", page, StringComparison.Ordinal);

        // An open quarter's report and the execution workbook take the new name (a closed quarter's report is frozen).
        Assert.True((await PeriodAdminOf().OpenAsync(Administrator, new Features.Admin.PeriodOpenForm { Year = "2023", Quarter = "4" })).Saved);
        var report = (await Get<QuarterlyReportService>().GetAsync(2023, 4))!;
        Assert.Equal("서울중장년재단", report.OrganisationName);
        var html = Decode(await client.GetStringAsync("/reports/2023/q4.html"));
        Assert.Contains("서울중장년재단", html, StringComparison.Ordinal);
        await using var xlsx = new MemoryStream();
        QuarterlyWorkbook.Write(report, xlsx);
        Assert.Contains("기관명 : 서울중장년재단", string.Join("\n", XlsxStrings(xlsx.ToArray())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnyProfileTheFallbackNameIsShown()
    {
        await using (var db = await Get<IDbContextFactory<Fifty.Ops.Data.FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            await db.InstitutionProfiles.ExecuteDeleteAsync();
        }

        // ExecuteDelete bypasses the change tracker, so the app's cache rule cannot see it (as the rule says): drop it here.
        Get<InstitutionNameService>().Invalidate();

        Assert.Equal(InstitutionNameService.Fallback, await Get<InstitutionNameService>().GetAsync(2023));
        var client = await App.CreateClientAsync(AppRoles.Planner);
        Assert.Contains($"{InstitutionNameService.Fallback} 운영 현황", Decode(await client.GetStringAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewYearsProfileWithStaffingAndExecutivesIsSavedAndBadRowsAreNamed()
    {
        var service = Get<ProfileSetupService>();
        var setup = await service.GetAsync(2025);
        Assert.False(setup.Exists);
        Assert.Equal(2023, setup.InheritedFrom);
        var form = setup.Form;
        form.Name = "";
        form.AsOf = "2024-12-31";
        form.Staffing = [new StaffingForm { Unit = "경영기획실", Grade = "2급", Authorized = "3", Current = "두 명" }];
        form.Executives = [new ExecutiveForm { Role = "이사장", Name = "" }];
        var refused = await service.SaveAsync(Planner, 2025, form);
        Assert.False(refused.Saved);
        Assert.StartsWith("기관명을 입력하세요", refused.Errors[nameof(ProfileForm.Name)], StringComparison.Ordinal);
        Assert.Equal("기준일은 2025년의 날짜여야 합니다 (입력: 2024-12-31).", refused.Errors[nameof(ProfileForm.AsOf)]);
        Assert.StartsWith("정원/현원 1행 현원: ", refused.Errors["Staffing[0].Current"], StringComparison.Ordinal);
        Assert.Equal("임원 1행: 성명을 입력하세요.", refused.Errors["Executives[0].Name"]);

        form.Name = "서울시50플러스재단";
        form.AsOf = "";
        form.Staffing = [new StaffingForm { Unit = "경영기획실", Grade = "2급", Authorized = "3", Current = "2" }];
        form.Executives = [new ExecutiveForm { Role = "이사장", Name = "홍길동", Term = "2025.1.~2027.12." }];
        Assert.True((await service.SaveAsync(Planner, 2025, form)).Saved);
        var stored = await service.GetAsync(2025);
        Assert.True(stored.Exists);
        Assert.Equal(("경영기획실", "2", "홍길동"), (stored.Form.Staffing.Single().Unit, stored.Form.Staffing.Single().Current, stored.Form.Executives.Single().Name));
    }

    [Fact]
    public async Task StaffingAndExecutivesTranscribedFromAReportAreEditedAsEnteredRowsAndTheClosedQuartersReportKeepsTheOldFigures()
    {
        var service = Get<ProfileSetupService>();
        var reports = Get<QuarterlyReportService>();
        var frozen = (await reports.GetAsync(2023, 3))!;
        Assert.True(frozen.Period.IsClosed);
        Assert.NotEmpty(frozen.Staffing);
        var frozenStaffing = frozen.Staffing.Select(r => $"{r.Unit}|{r.Grade}|{r.Authorized}|{r.Current}").ToList();
        var frozenExecutives = frozen.Executives.Select(e => e.Name).ToList();

        var y2023 = await service.GetAsync(2023);
        Assert.True(y2023.FiguresTranscribed);
        Assert.All(y2023.Form.Staffing, r => Assert.Equal("보고서", r.Source));
        var count = y2023.Form.Staffing.Count;
        Assert.True(count >= 3, "the seeded 2023 staffing has rows to edit");
        var removed = y2023.Form.Staffing[0];
        var edited = y2023.Form.Staffing[1];
        var editedCurrent = int.Parse(edited.Current, System.Globalization.CultureInfo.InvariantCulture) + 1;

        // Bad counts are refused naming the row and the field; nothing is written.
        async Task<string> StaffingText()
        {
            await using var db = await Get<IDbContextFactory<Fifty.Ops.Data.FiftyOpsDbContext>>().CreateDbContextAsync();
            return string.Join("\n", await db.StaffingEntries.Where(s => s.Year == 2023).OrderBy(s => s.Ordinal)
                .Select(s => s.Ordinal + "|" + s.Unit + "|" + s.Grade + "|" + s.Authorized + "|" + s.Current + "|" + s.Source.Doc).ToListAsync());
        }

        var before = await StaffingText();
        edited.Current = "-3";
        y2023.Form.Staffing[2].Authorized = "2.5";
        y2023.Form.Staffing.Add(new StaffingForm { Unit = "신설팀", Grade = "", Authorized = "2024-01-01", Current = "셋" });
        var refused = await service.SaveAsync(Planner, 2023, y2023.Form);
        Assert.False(refused.Saved);
        Assert.StartsWith("정원/현원 2행 현원: ", refused.Errors["Staffing[1].Current"], StringComparison.Ordinal);
        Assert.Contains("(입력: -3)", refused.Errors["Staffing[1].Current"], StringComparison.Ordinal);
        Assert.StartsWith("정원/현원 3행 정원: ", refused.Errors["Staffing[2].Authorized"], StringComparison.Ordinal);
        Assert.Equal($"정원/현원 {count + 1}행: 직급을 입력하세요.", refused.Errors[$"Staffing[{count}].Grade"]);
        Assert.StartsWith($"정원/현원 {count + 1}행 정원: ", refused.Errors[$"Staffing[{count}].Authorized"], StringComparison.Ordinal);
        Assert.StartsWith($"정원/현원 {count + 1}행 현원: ", refused.Errors[$"Staffing[{count}].Current"], StringComparison.Ordinal);
        Assert.Equal(before, await StaffingText());

        // Remove the first row, change the second, add one. A count typed in full width is refused under its field
        // (record 0010), and nothing changes; typed in half width it is saved.
        y2023 = await service.GetAsync(2023);
        y2023.Form.Staffing.RemoveAt(0);
        y2023.Form.Staffing[0].Current = editedCurrent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        y2023.Form.Staffing.Add(new StaffingForm { Unit = "신설팀", Grade = "4급", Authorized = "２", Current = "1명" });
        y2023.Form.Executives[0].Name = "김신임";
        var fullWidth = await service.SaveAsync(Planner, 2023, y2023.Form);
        Assert.False(fullWidth.Saved);
        Assert.Equal($"정원/현원 {count}행 정원: 전각 숫자(１２３)는 쓸 수 없습니다. 반각 숫자(123)로 입력하세요 (입력: ２).", fullWidth.Errors[$"Staffing[{count - 1}].Authorized"]);
        Assert.Equal(before, await StaffingText());

        y2023.Form.Staffing[^1].Authorized = "2";
        var auditBefore = (await App.AuditEntriesAsync()).Max(e => e.Id);
        var saved = await service.SaveAsync(Planner, 2023, y2023.Form);
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));

        var after = await service.GetAsync(2023);
        Assert.Equal(count, after.Form.Staffing.Count);
        Assert.DoesNotContain(after.Form.Staffing, r => r.Unit == removed.Unit && r.Grade == removed.Grade && r.Authorized == removed.Authorized && r.Current == removed.Current && r.Source == "보고서");
        Assert.Equal((edited.Grade, editedCurrent.ToString(System.Globalization.CultureInfo.InvariantCulture), "입력"), (after.Form.Staffing[0].Grade, after.Form.Staffing[0].Current, after.Form.Staffing[0].Source));
        Assert.All(after.Form.Staffing.Skip(1).SkipLast(1), r => Assert.Equal("보고서", r.Source));
        Assert.Equal(("신설팀", "2", "1", "입력"), (after.Form.Staffing[^1].Unit, after.Form.Staffing[^1].Authorized, after.Form.Staffing[^1].Current, after.Form.Staffing[^1].Source));
        Assert.Equal(("김신임", "입력"), (after.Form.Executives[0].Name, after.Form.Executives[0].Source));

        // Audited: the report's rows that left, with their values, and the typed rows.
        var audit = (await App.AuditEntriesAsync()).Where(e => e.Id > auditBefore).ToList();
        Assert.Contains(audit, e => e.ObjectType == "StaffingEntry" && e.OldValue is not null && e.Detail!.StartsWith("삭제", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.ObjectType == "StaffingEntry" && e.NewValue is not null && e.NewValue.Contains("신설팀", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.ObjectType == "Executive" && e.NewValue is not null && e.NewValue.Contains("김신임", StringComparison.Ordinal));

        // The closed 2023 Q3 report shows what it was closed with; the live figures are the new ones.
        var reread = (await reports.GetAsync(2023, 3))!;
        Assert.Equal(frozenStaffing, reread.Staffing.Select(r => $"{r.Unit}|{r.Grade}|{r.Authorized}|{r.Current}").ToList());
        Assert.Equal(frozenExecutives, reread.Executives.Select(e => e.Name).ToList());
        Assert.Contains((await reports.BuildLiveAsync(2023, 3))!.Staffing, r => r.Unit == "신설팀");

        // Saving the same form again changes nothing.
        var auditAfter = (await App.AuditEntriesAsync()).Max(e => e.Id);
        Assert.True((await service.SaveAsync(Planner, 2023, (await service.GetAsync(2023)).Form)).Saved);
        Assert.DoesNotContain(await App.AuditEntriesAsync(), e => e.Id > auditAfter && e.ObjectType is "StaffingEntry" or "Executive");
    }

    private Features.Admin.PeriodAdminService PeriodAdminOf() => Get<Features.Admin.PeriodAdminService>();

    private static List<string> XlsxStrings(byte[] xlsx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList();
    }
}
