using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear.Sites;

/// <summary>One site of a year as the setup page lists it.</summary>
/// <param name="OpenedOn">개소일 (the site's own date, else the latest report's); null when not known.</param>
/// <param name="ClosedOn">폐소일; null while it operates.</param>
/// <param name="Status">운영형태 of the year (null when the year has no facility row for it).</param>
/// <param name="StatusSince">The day the year's 운영형태 took effect, when it changed during the year.</param>
/// <param name="Seats">Shared-office seats of the year (좌석); null when the year states none.</param>
public sealed record SiteRow(
    string Code, string Name, CampusKind Kind, DateOnly? OpenedOn, string? OpenedRaw, DateOnly? ClosedOn, FacilityStatus? Status, DateOnly? StatusSince,
    string? Address, decimal? FloorAreaM2, string? MainRooms, int? Seats, int? PrivateSeats, int? OpenSeats, string Source)
{
    public string KindLabel => Kind == CampusKind.Campus ? "캠퍼스" : "센터";

    public string StatusLabel => SiteSetupService.Label(Status);
}

/// <summary>The add/edit form as typed, so a refused save keeps what the planner wrote.</summary>
public sealed class SiteForm
{
    /// <summary>Empty for a new site; the code of the site being edited otherwise.</summary>
    public string? ExistingCode { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public CampusKind Kind { get; set; } = CampusKind.Campus;
    public string OpenedOn { get; set; } = "";
    public string ClosedOn { get; set; } = "";
    public FacilityStatus Status { get; set; } = FacilityStatus.Open;
    public string Address { get; set; } = "";
    public string FloorArea { get; set; } = "";
    public string MainRooms { get; set; } = "";
    public string Seats { get; set; } = "";
    public string PrivateSeats { get; set; } = "";
    public string OpenSeats { get; set; } = "";

    public static SiteForm From(SiteRow row) => new()
    {
        ExistingCode = row.Code, Code = row.Code, Name = row.Name, Kind = row.Kind,
        OpenedOn = row.OpenedOn is { } o ? o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        ClosedOn = row.ClosedOn is { } c ? c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
        Status = row.Status ?? FacilityStatus.Open, Address = row.Address ?? "",
        FloorArea = row.FloorAreaM2?.ToString(CultureInfo.InvariantCulture) ?? "", MainRooms = row.MainRooms ?? "",
        Seats = row.Seats?.ToString(CultureInfo.InvariantCulture) ?? "", PrivateSeats = row.PrivateSeats?.ToString(CultureInfo.InvariantCulture) ?? "",
        OpenSeats = row.OpenSeats?.ToString(CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>
/// Sites of a year (캠퍼스·센터): add one with its 개소일, close one with a 폐소일, state its facilities and shared-office
/// seats, and change its 운영형태 (위탁 → 고유사무) from a day on. A site's 개소일/폐소일 belong to the site
/// (<see cref="Campus.OpenedOn"/>, <see cref="Campus.ClosedOn"/>) and decide which months take usage entries and count
/// in totals; facilities and seats belong to the year (<see cref="CampusFacility"/>, <see cref="SharedOffice"/>). Every
/// write needs <see cref="Policies.CanSetUpYear"/>, runs in one transaction and is audited field by field.
/// </summary>
public sealed class SiteSetupService(IDbContextFactory<FiftyOpsDbContext> factory, AccessGuard guard)
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 500;

    public static string Label(FacilityStatus? status) => status switch
    {
        FacilityStatus.Open => "고유사무",
        FacilityStatus.Commissioned => "위탁",
        FacilityStatus.Planned => "개관 예정",
        _ => "—",
    };

    /// <summary>Every site with the year's facts; a site whose 폐소일 is before the year is listed (marked by its date).</summary>
    public async Task<IReadOnlyList<SiteRow>> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campuses = await db.Campuses.OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Code, c.Name, c.Kind, c.OpenedOn, c.ClosedOn }).ToListAsync(ct);
        var facilities = await db.CampusFacilities.Where(f => f.ReportYear <= year)
            .Select(f => new { f.CampusId, f.ReportYear, f.OpenedOn, f.OpenedRaw, f.Status, f.StatusSince, f.Address, f.FloorAreaM2, f.MainRooms, f.Source })
            .ToListAsync(ct);
        var offices = await db.SharedOffices.Where(o => o.Year == year && o.CampusId != null)
            .Select(o => new { o.CampusId, o.Seats, o.PrivateSeats, o.OpenSeats }).ToListAsync(ct);
        return campuses.Select(c =>
        {
            var mine = facilities.Where(f => f.CampusId == c.Id).OrderByDescending(f => f.ReportYear).ToList();
            var f = mine.FirstOrDefault(x => x.ReportYear == year);
            var opened = c.OpenedOn ?? mine.FirstOrDefault(x => x.OpenedOn is not null)?.OpenedOn;
            var o = offices.FirstOrDefault(x => x.CampusId == c.Id);
            return new SiteRow(c.Code, c.Name, c.Kind, opened, c.OpenedOn is null ? mine.FirstOrDefault()?.OpenedRaw : null, c.ClosedOn,
                f?.Status, f?.StatusSince, f?.Address, f?.FloorAreaM2, f?.MainRooms, o?.Seats, o?.PrivateSeats, o?.OpenSeats,
                f is null ? "—" : f.Source.Doc == "" ? "입력" : f.Source.Doc);
        }).ToList();
    }

    /// <summary>
    /// Adds a site (<see cref="SiteForm.ExistingCode"/> empty) or edits one, for <paramref name="year"/>. Refused with
    /// field messages (nothing written) for a missing or duplicate code or name, a date that is not 연-월-일, a 폐소일
    /// before the 개소일, or a seat count that is not a whole number ≥ 0 or whose parts exceed it.
    /// </summary>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, SiteForm form, CancellationToken ct = default)
    {
        var key = $"{year}/{(form.ExistingCode ?? form.Code).Trim()}";
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "캠퍼스·센터 설정", "Campus", key, ct) is { } refused) return refused;
        if (!FiscalYearRange.Contains(year)) return WriteResult.Refused(FiscalYearRange.Refusal);

        var errors = new Dictionary<string, string>();
        var code = form.Code.Trim();
        var name = form.Name.Trim();
        if (code.Length == 0) errors[nameof(SiteForm.Code)] = "코드를 입력하세요 (예: east).";
        else if (code.Length > 40 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            errors[nameof(SiteForm.Code)] = $"코드는 영문·숫자·-·_ 40자 이내로 입력하세요 (입력: {code}).";
        if (name.Length == 0) errors[nameof(SiteForm.Name)] = "이름을 입력하세요.";
        else if (name.Length > MaxNameLength) errors[nameof(SiteForm.Name)] = $"이름은 {MaxNameLength}자 이내로 입력하세요 (현재 {name.Length}자).";
        var opened = ReadDate(form.OpenedOn, nameof(SiteForm.OpenedOn), "개소일", errors);
        var closed = ReadDate(form.ClosedOn, nameof(SiteForm.ClosedOn), "폐소일", errors);
        if (form.ExistingCode is null && opened is null && !errors.ContainsKey(nameof(SiteForm.OpenedOn)))
            errors[nameof(SiteForm.OpenedOn)] = "새 캠퍼스·센터는 개소일을 입력하세요 (예: 2024-04-01).";
        if (opened is { } o && closed is { } c && c < o)
            errors[nameof(SiteForm.ClosedOn)] = $"폐소일({Fmt.Date(c)})이 개소일({Fmt.Date(o)})보다 앞섭니다.";
        var area = ReadNumber(form.FloorArea, nameof(SiteForm.FloorArea), "연면적(㎡)", NumberRules.Figure, errors);
        var seats = ReadCount(form.Seats, nameof(SiteForm.Seats), "좌석 수", errors);
        var privateSeats = ReadCount(form.PrivateSeats, nameof(SiteForm.PrivateSeats), "개인 좌석", errors);
        var openSeats = ReadCount(form.OpenSeats, nameof(SiteForm.OpenSeats), "개방 좌석", errors);
        if (seats is { } s && (privateSeats ?? 0) + (openSeats ?? 0) > s)
            errors[nameof(SiteForm.PrivateSeats)] = $"개인 좌석({Fmt.Number(privateSeats ?? 0)})과 개방 좌석({Fmt.Number(openSeats ?? 0)})의 합이 좌석 수({Fmt.Number(s)})를 넘습니다.";
        if (form.Address.Trim().Length > MaxTextLength) errors[nameof(SiteForm.Address)] = $"주소는 {MaxTextLength}자 이내로 입력하세요.";
        if (form.MainRooms.Trim().Length > MaxTextLength) errors[nameof(SiteForm.MainRooms)] = $"주요시설은 {MaxTextLength}자 이내로 입력하세요.";
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Campus? campus;
        if (form.ExistingCode is { } existing)
        {
            campus = await db.Campuses.AsTracking().FirstOrDefaultAsync(x => x.Code == existing, ct);
            if (campus is null) return WriteResult.Fail(WriteResult.General, $"없는 캠퍼스·센터입니다 ({existing}).");
            if (code != existing) return WriteResult.Fail(nameof(SiteForm.Code), "코드는 바꿀 수 없습니다 (연도 간 비교의 기준입니다).");
        }
        else
        {
            if (await db.Campuses.AnyAsync(x => x.Code == code, ct))
                return WriteResult.Fail(nameof(SiteForm.Code), $"이미 있는 코드입니다 ({code}).");
            campus = new Campus { Code = code, SortOrder = (await db.Campuses.MaxAsync(x => (int?)x.SortOrder, ct) ?? 0) + 1 };
            db.Campuses.Add(campus);
        }

        if (await db.Campuses.AnyAsync(x => x.Name == name && x.Code != code, ct))
            return WriteResult.Fail(nameof(SiteForm.Name), $"같은 이름의 캠퍼스·센터가 이미 있습니다 ({name}).");

        campus.Name = name;
        campus.Kind = form.Kind;
        campus.OpenedOn = opened;
        campus.ClosedOn = closed;

        var facility = await db.CampusFacilities.AsTracking().FirstOrDefaultAsync(f => f.CampusId == campus.Id && campus.Id != 0 && f.ReportYear == year, ct);
        if (facility is null)
        {
            facility = new CampusFacility { Campus = campus, ReportYear = year, NameInSource = name, Source = SourceRef.Entered };
            db.CampusFacilities.Add(facility);
        }

        facility.OpenedOn = opened ?? facility.OpenedOn;
        facility.Status = opened is { } od && od > new DateOnly(year, 12, 31) ? FacilityStatus.Planned : form.Status == FacilityStatus.Planned && opened is not null ? FacilityStatus.Open : form.Status;
        facility.Address = Blank(form.Address);
        facility.FloorAreaM2 = area;
        facility.MainRooms = Blank(form.MainRooms);

        var office = await db.SharedOffices.AsTracking().FirstOrDefaultAsync(x => x.CampusId == campus.Id && campus.Id != 0 && x.Year == year, ct);
        if (seats is not null || privateSeats is not null || openSeats is not null)
        {
            if (office is null)
            {
                office = new SharedOffice { Campus = campus, Year = year, Source = SourceRef.Entered };
                db.SharedOffices.Add(office);
            }

            office.Seats = seats;
            office.PrivateSeats = privateSeats;
            office.OpenSeats = openSeats;
            office.SeatsRaw = seats?.ToString(CultureInfo.InvariantCulture);
        }
        else if (office is not null)
        {
            office.Seats = office.PrivateSeats = office.OpenSeats = null;
            office.SeatsRaw = null;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var what = form.ExistingCode is null ? "추가했습니다" : "저장했습니다";
        return WriteResult.Ok($"{year}년 {name}을(를) {what}." + (opened is { } d ? $" 개소일 {Fmt.Date(d)} 이전의 달은 이용 실적을 받지 않습니다." : "")
            + (closed is { } cd ? $" 폐소일 {Fmt.Date(cd)} 이후의 달도 받지 않습니다." : ""), campus.Code);
    }

    /// <summary>
    /// Changes a site's 운영형태 (e.g. 위탁 → 고유사무) from <paramref name="effectiveText"/> on: the year of that day gets
    /// the new status with the day (<see cref="CampusFacility.StatusSince"/>), and every later year's row the new
    /// status. Earlier years keep theirs, so their views and reports say what was true then.
    /// </summary>
    public async Task<WriteResult> ChangeOperationAsync(ClaimsPrincipal user, string code, FacilityStatus status, string effectiveText, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "운영형태 변경", "CampusFacility", code, ct) is { } refused) return refused;
        var errors = new Dictionary<string, string>();
        var effective = ReadDate(effectiveText, "Effective", "변경일", errors);
        if (effective is null && errors.Count == 0) errors["Effective"] = "변경일을 입력하세요 (예: 2024-07-01).";
        if (status == FacilityStatus.Planned) errors["Status"] = "운영형태는 고유사무 또는 위탁이어야 합니다.";
        if (errors.Count > 0) return WriteResult.Invalid(errors);
        var day = effective!.Value;

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campus = await db.Campuses.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (campus is null) return WriteResult.Fail(WriteResult.General, $"없는 캠퍼스·센터입니다 ({code}).");
        var rows = await db.CampusFacilities.AsTracking().Where(f => f.CampusId == campus.Id && f.ReportYear >= day.Year).ToListAsync(ct);
        if (rows.All(r => r.ReportYear != day.Year))
        {
            var latest = await db.CampusFacilities.Where(f => f.CampusId == campus.Id && f.ReportYear < day.Year).OrderByDescending(f => f.ReportYear).FirstOrDefaultAsync(ct);
            var row = new CampusFacility
            {
                CampusId = campus.Id, ReportYear = day.Year, NameInSource = campus.Name, OpenedOn = latest?.OpenedOn ?? campus.OpenedOn, OpenedRaw = latest?.OpenedRaw,
                Address = latest?.Address, FloorAreaM2 = latest?.FloorAreaM2, ManagedAreaM2 = latest?.ManagedAreaM2, FloorsRaw = latest?.FloorsRaw,
                MainRooms = latest?.MainRooms, Source = SourceRef.Entered,
            };
            db.CampusFacilities.Add(row);
            rows.Add(row);
        }

        foreach (var r in rows)
        {
            r.Status = status;
            r.StatusSince = r.ReportYear == day.Year && day > new DateOnly(day.Year, 1, 1) ? day : null;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok($"{campus.Name}의 운영형태를 {Fmt.Date(day)}부터 {Label(status)}(으)로 바꿨습니다 ({day.Year}년 이후 {rows.Count}개 연도).", code);
    }

    private static string? Blank(string text) => text.Trim() is { Length: > 0 } t ? t : null;

    private static DateOnly? ReadDate(string text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateText.TryRead(text, out var value, out var error)) return value;
        errors[field] = $"{label}: {error} (입력: {text.Trim()}).";
        return null;
    }

    private static decimal? ReadNumber(string text, string field, string label, NumberRules rules, Dictionary<string, string> errors)
    {
        if (NumberText.TryRead(text, rules, out var value, out var error)) return value is null ? null : Math.Round(value.Value, 2);
        errors[field] = $"{label}: {error} (입력: {text.Trim()}).";
        return null;
    }

    private static int? ReadCount(string text, string field, string label, Dictionary<string, string> errors) =>
        ReadNumber(text, field, label, NumberRules.Count, errors) is { } v ? (int)v : null;
}
