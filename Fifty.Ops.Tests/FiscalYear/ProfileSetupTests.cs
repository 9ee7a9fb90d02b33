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

        // The 2023 staffing was transcribed from the report: shown, never overwritten.
        var y2023 = await service.GetAsync(2023);
        Assert.True(y2023.FiguresTranscribed);
        y2023.Form.Staffing.RemoveAt(0);
        Assert.Equal("2023년 정원/현원은 보고서에서 옮긴 자료여서 고칠 수 없습니다.", (await service.SaveAsync(Planner, 2023, y2023.Form)).Errors[nameof(ProfileForm.Staffing)]);
    }

    private Features.Admin.PeriodAdminService PeriodAdminOf() => Get<Features.Admin.PeriodAdminService>();

    private static List<string> XlsxStrings(byte[] xlsx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList();
    }
}
