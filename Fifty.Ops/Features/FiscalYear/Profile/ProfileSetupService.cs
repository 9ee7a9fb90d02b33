using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear.Profile;

/// <summary>One 정원/현원 row as typed (부서, 직급, 정원, 현원).</summary>
public sealed class StaffingForm
{
    public string Unit { get; set; } = "";
    public string Grade { get; set; } = "";
    public string Authorized { get; set; } = "";
    public string Current { get; set; } = "";

    /// <summary>Where the stored row came from (the report's document, or 입력); empty for a row typed now. Shown, never saved.</summary>
    public string Source { get; set; } = "";
}

/// <summary>One executive (임원) as typed.</summary>
public sealed class ExecutiveForm
{
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string Term { get; set; } = "";

    /// <summary>Where the stored row came from (the report's document, or 입력); empty for a row typed now. Shown, never saved.</summary>
    public string Source { get; set; } = "";
}

/// <summary>The institution profile of a year as typed; list fields are one item per line.</summary>
public sealed class ProfileForm
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Mission { get; set; } = "";
    public string Vision { get; set; } = "";
    public string ManagementGoals { get; set; } = "";
    public string CoreValues { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string Departments { get; set; } = "";
    /// <summary>기준일 of the profile, staffing and executives (연-월-일); blank for 1 January of the year.</summary>
    public string AsOf { get; set; } = "";
    public List<StaffingForm> Staffing { get; set; } = [];
    public List<ExecutiveForm> Executives { get; set; } = [];
}

/// <param name="Exists">The year has its own profile (false: the form starts from <paramref name="InheritedFrom"/>'s).</param>
/// <param name="InheritedFrom">The earlier year whose profile the form was filled from; null when it is the year's own or none exists.</param>
/// <param name="FiguresTranscribed">Some of the year's staffing or executive rows were transcribed from a report (editing one turns it into 입력).</param>
public sealed record ProfileSetup(int Year, bool Exists, int? InheritedFrom, string Source, ProfileForm Form, bool FiguresTranscribed);

/// <summary>
/// The institution profile of a year (기관 현황): name, address, mission/vision/goals, organisation and departments,
/// 정원/현원 by unit and grade, executives. The name is what every page and export shows
/// (<see cref="InstitutionNameService"/>). Writes need <see cref="Policies.CanSetUpYear"/>, run in one transaction and are
/// audited field by field. Staffing and executive rows transcribed from a report may be edited: an edited row becomes
/// 입력 (the report's row is removed, its values kept in the audit trail), an unchanged row keeps its source. A closed
/// quarter's report shows the figures it was frozen with (<see cref="Reports.QuarterlyReportService.FreezeAsync"/>).
/// </summary>
public sealed class ProfileSetupService(IDbContextFactory<FiftyOpsDbContext> factory, AccessGuard guard)
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 2000;
    public const int MaxRows = 200;

    /// <summary>The institution profile (기관 현황) of <paramref name="year"/> for the setup page: the year's own, else the latest earlier year's as a starting form (<c>InheritedFrom</c>); the year's staffing and executives, read-only when transcribed from a report.</summary>
    public async Task<ProfileSetup> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.InstitutionProfiles.Where(p => p.Year <= year).OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
        var staffing = await db.StaffingEntries.Where(s => s.Year == year).OrderBy(s => s.Ordinal).ToListAsync(ct);
        var executives = await db.Executives.Where(e => e.Year == year).OrderBy(e => e.Ordinal).ToListAsync(ct);
        var form = new ProfileForm
        {
            Name = profile?.Name ?? "", Address = profile?.Address ?? "", Mission = profile?.Mission ?? "", Vision = profile?.Vision ?? "",
            ManagementGoals = Lines(profile?.ManagementGoals), CoreValues = Lines(profile?.CoreValues), Organisation = profile?.Organisation ?? "",
            Departments = Lines(profile?.Departments),
            AsOf = profile is { } p && p.Year == year ? p.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
            Staffing = [.. staffing.Select(s => new StaffingForm
            {
                Unit = s.Unit, Grade = s.Grade, Authorized = s.Authorized?.ToString(CultureInfo.InvariantCulture) ?? "",
                Current = s.Current?.ToString(CultureInfo.InvariantCulture) ?? "", Source = SourceLabel(s.Source),
            })],
            Executives = [.. executives.Select(e => new ExecutiveForm
            {
                Role = e.Role, Name = e.Name, Position = e.Position ?? "", Term = e.TermRaw ?? "", Source = SourceLabel(e.Source),
            })],
        };
        var transcribed = staffing.Any(s => s.Source.Doc.Length > 0) || executives.Any(e => e.Source.Doc.Length > 0);
        return new ProfileSetup(year, profile?.Year == year, profile is not null && profile.Year != year ? profile.Year : null,
            profile is null ? "없음" : profile.Source.Doc == "" ? "입력" : profile.Source.Doc, form, transcribed);
    }

    /// <summary>
    /// Writes the year's profile (creating it when the year has none). Refused with a Korean message on the field,
    /// nothing written, for a blank or over-long name, a 기준일 that is not a date of the year, a staffing row without 직급
    /// or whose 정원/현원 is not a whole number ≥ 0 (negative, a fraction, a date or a word; the row number and the field
    /// are named; digits typed in full width are refused, as everywhere, see record 0010), or an executive
    /// without 구분 or 성명. Staffing and executives become the rows typed, in order: a row equal to a stored one keeps
    /// it (and its source), any other stored row is removed and the typed row is stored as 입력.
    /// </summary>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, ProfileForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "기관 현황 설정", "InstitutionProfile", year.ToString(CultureInfo.InvariantCulture), ct) is { } refused) return refused;
        if (!FiscalYearRange.Contains(year)) return WriteResult.Refused(FiscalYearRange.Refusal);

        var errors = new Dictionary<string, string>();
        var name = form.Name.Trim();
        if (name.Length == 0) errors[nameof(ProfileForm.Name)] = "기관명을 입력하세요. 모든 화면과 보고서에 이 이름이 나옵니다.";
        else if (name.Length > MaxNameLength) errors[nameof(ProfileForm.Name)] = $"기관명은 {MaxNameLength}자 이내로 입력하세요 (현재 {name.Length}자).";
        foreach (var (field, label, text) in new[]
                 {
                     (nameof(ProfileForm.Address), "주소", form.Address), (nameof(ProfileForm.Mission), "미션", form.Mission),
                     (nameof(ProfileForm.Vision), "비전", form.Vision), (nameof(ProfileForm.ManagementGoals), "경영목표", form.ManagementGoals),
                     (nameof(ProfileForm.CoreValues), "핵심가치", form.CoreValues), (nameof(ProfileForm.Organisation), "조직", form.Organisation),
                     (nameof(ProfileForm.Departments), "부서", form.Departments),
                 })
        {
            if (text.Trim().Length > MaxTextLength) errors[field] = $"{label}은(는) {MaxTextLength}자 이내로 입력하세요 (현재 {text.Trim().Length}자).";
        }

        var asOf = new DateOnly(year, 1, 1);
        if (form.AsOf.Trim().Length > 0)
        {
            if (!DateText.TryRead(form.AsOf, out var d, out var why)) errors[nameof(ProfileForm.AsOf)] = $"기준일: {why} (입력: {form.AsOf.Trim()}).";
            else if (d.Year != year) errors[nameof(ProfileForm.AsOf)] = $"기준일은 {year}년의 날짜여야 합니다 (입력: {form.AsOf.Trim()}).";
            else asOf = d;
        }

        var staffing = new List<StaffingEntry>();
        var rows = form.Staffing.Where(r => !(r.Unit.Trim().Length == 0 && r.Grade.Trim().Length == 0 && r.Authorized.Trim().Length == 0 && r.Current.Trim().Length == 0)).ToList();
        if (rows.Count > MaxRows) errors[nameof(ProfileForm.Staffing)] = $"정원/현원은 {MaxRows}행까지 입력할 수 있습니다.";
        for (var i = 0; i < rows.Count && i < MaxRows; i++)
        {
            var r = rows[i];
            var at = $"정원/현원 {i + 1}행";
            if (r.Grade.Trim().Length == 0) errors[$"Staffing[{i}].Grade"] = $"{at}: 직급을 입력하세요.";
            int? Count(string text, string label, string key)
            {
                if (NumberText.TryRead(text, NumberRules.Count, out var v, out var why)) return v is null ? null : (int)v.Value;
                errors[$"Staffing[{i}].{key}"] = $"{at} {label}: {why} (입력: {text.Trim()}).";
                return null;
            }

            var authorized = Count(r.Authorized, "정원", nameof(StaffingForm.Authorized));
            var current = Count(r.Current, "현원", nameof(StaffingForm.Current));
            staffing.Add(new StaffingEntry
            {
                Year = year, AsOf = asOf, Ordinal = i + 1, Unit = r.Unit.Trim(), Grade = r.Grade.Trim(), Authorized = authorized, Current = current,
                Raw = $"{authorized?.ToString(CultureInfo.InvariantCulture) ?? "-"}/{current?.ToString(CultureInfo.InvariantCulture) ?? "-"}", Source = SourceRef.Entered,
            });
        }

        var executives = new List<Executive>();
        var execRows = form.Executives.Where(e => !(e.Role.Trim().Length == 0 && e.Name.Trim().Length == 0 && e.Position.Trim().Length == 0 && e.Term.Trim().Length == 0)).ToList();
        for (var i = 0; i < execRows.Count && i < MaxRows; i++)
        {
            var e = execRows[i];
            if (e.Role.Trim().Length == 0) errors[$"Executives[{i}].Role"] = $"임원 {i + 1}행: 구분(예: 이사장, 이사, 감사)을 입력하세요.";
            if (e.Name.Trim().Length == 0) errors[$"Executives[{i}].Name"] = $"임원 {i + 1}행: 성명을 입력하세요.";
            executives.Add(new Executive
            {
                Year = year, AsOf = asOf, Ordinal = i + 1, Role = e.Role.Trim(), Name = e.Name.Trim(),
                Position = e.Position.Trim() is { Length: > 0 } p ? p : null, TermRaw = e.Term.Trim() is { Length: > 0 } t ? t : null, Source = SourceRef.Entered,
            });
        }

        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var profile = await db.InstitutionProfiles.AsTracking().FirstOrDefaultAsync(p => p.Year == year, ct);
        if (profile is null)
        {
            var earlier = await db.InstitutionProfiles.Where(p => p.Year < year).OrderByDescending(p => p.Year).FirstOrDefaultAsync(ct);
            profile = new InstitutionProfile
            {
                Year = year, FoundedOn = earlier?.FoundedOn, LegalForm = earlier?.LegalForm, Purpose = earlier?.Purpose,
                BusinessScope = [.. earlier?.BusinessScope ?? []], History = [.. earlier?.History ?? []],
                StrategicDirections = [.. earlier?.StrategicDirections ?? []], Source = SourceRef.Entered,
            };
            db.InstitutionProfiles.Add(profile);
        }

        profile.AsOf = asOf;
        profile.Name = name;
        profile.Address = Blank(form.Address);
        profile.Mission = Blank(form.Mission);
        profile.Vision = Blank(form.Vision);
        profile.Organisation = Blank(form.Organisation);
        SetList(profile.ManagementGoals, form.ManagementGoals, v => profile.ManagementGoals = v);
        SetList(profile.CoreValues, form.CoreValues, v => profile.CoreValues = v);
        SetList(profile.Departments, form.Departments, v => profile.Departments = v);

        var storedStaff = await db.StaffingEntries.AsTracking().Where(s => s.Year == year).OrderBy(s => s.Ordinal).ToListAsync(ct);
        var storedExecs = await db.Executives.AsTracking().Where(e => e.Year == year).OrderBy(e => e.Ordinal).ToListAsync(ct);
        Replace(db.StaffingEntries, storedStaff, staffing, Key, (kept, typed) => kept.Ordinal = typed.Ordinal);
        Replace(db.Executives, storedExecs, executives, Key, (kept, typed) => kept.Ordinal = typed.Ordinal);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok($"{year}년 기관 현황을 저장했습니다. 화면과 보고서의 기관명은 「{name}」입니다.", name);
    }

    /// <summary>
    /// Makes the stored rows the typed ones: a typed row equal to a stored one keeps the stored entity (its source, no
    /// audit entry unless its position moved; EF orders the unique (Year, Ordinal) writes after the deletions); stored rows left over are removed; the rest are added as 입력.
    /// </summary>
    private static void Replace<T>(DbSet<T> set, List<T> stored, List<T> typed, Func<T, string> key, Action<T, T> keep) where T : class
    {
        var unused = stored.ToList();
        foreach (var row in typed)
        {
            var match = unused.FirstOrDefault(s => key(s) == key(row));
            if (match is null)
            {
                set.Add(row);
                continue;
            }

            unused.Remove(match);
            keep(match, row);
        }

        set.RemoveRange(unused);
    }

    private static string SourceLabel(SourceRef source) => source.Doc.Length == 0 ? "입력" : "보고서";

    private static string Key(StaffingEntry s) => $"{s.Unit}\u001f{s.Grade}\u001f{s.Authorized}\u001f{s.Current}";

    private static string Key(Executive e) => $"{e.Role}\u001f{e.Name}\u001f{e.Position}\u001f{e.TermRaw}";

    private static string Lines(IEnumerable<string>? items) => items is null ? "" : string.Join("\n", items);

    private static string? Blank(string text) => text.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>Replaces the list only when its items change, so an unchanged list writes no audit entry.</summary>
    private static void SetList(List<string> current, string typed, Action<List<string>> set)
    {
        var items = typed.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (!items.SequenceEqual(current)) set(items);
    }
}
