using System.Globalization;
using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;

namespace Fifty.Ops.Features.Campuses;

/// <summary>The monthly entry form as typed: text, so that what a planner typed survives a refused save unchanged.</summary>
public sealed class UsageEntryForm
{
    public string CampusCode { get; set; } = "";
    public int Year { get; set; }
    public string Month { get; set; } = "";
    public string Visits { get; set; } = "";
    public string CourseParticipants { get; set; } = "";
    public string CounsellingCases { get; set; } = "";
    public string Communities { get; set; } = "";
    public string OccupiedSeats { get; set; } = "";
    /// <summary>The version of the stored month the form started from ("0" when the month had no entry).</summary>
    public string Token { get; set; } = "0";

    public string this[UsageMetric metric]
    {
        get => metric switch
        {
            UsageMetric.Visits => Visits,
            UsageMetric.CourseParticipants => CourseParticipants,
            UsageMetric.CounsellingCases => CounsellingCases,
            UsageMetric.Communities => Communities,
            UsageMetric.OccupiedSeats => OccupiedSeats,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
        set
        {
            switch (metric)
            {
                case UsageMetric.Visits: Visits = value; break;
                case UsageMetric.CourseParticipants: CourseParticipants = value; break;
                case UsageMetric.CounsellingCases: CounsellingCases = value; break;
                case UsageMetric.Communities: Communities = value; break;
                case UsageMetric.OccupiedSeats: OccupiedSeats = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(metric));
            }
        }
    }

    /// <summary>The form property that holds a metric, for field-level messages.</summary>
    public static string FieldOf(UsageMetric metric) => metric.ToString();
}

/// <summary>A message for one form field (<see cref="Field"/> is a <see cref="UsageEntryForm"/> property name) or, when empty, for the whole entry.</summary>
public sealed record EntryMessage(string Field, string Text);

public sealed record ParsedUsageEntry(string CampusCode, int Year, int Month, int? Visits, int? CourseParticipants, int? CounsellingCases, int? Communities, int? OccupiedSeats);

/// <summary>A reporting period of the entry's year, as the closed-period rule needs it.</summary>
public sealed record EntryPeriod(int Quarter, DateOnly AsOf, bool IsClosed);

/// <summary>What the rules need to know about the campus and year an entry is for, read inside the writing transaction.</summary>
/// <param name="ClosedOn">The site's 폐소일; null while it operates.</param>
public sealed record EntryContext(
    string CampusName, IReadOnlyList<EntryPeriod> Periods, DateOnly? OpenedOn, bool NotYetOpen, string? OpenedRaw, int? Seats, DateOnly? ClosedOn = null);

/// <summary>
/// The rules of the monthly usage entry, with Korean messages that name the field. Pure, so each rule is tested alone;
/// <see cref="CampusUsageEntryService"/> applies them inside the transaction that writes.
/// </summary>
public static class UsageEntryRules
{
    public const string General = "";

    /// <summary>
    /// Reads one metric as typed: null error and a null value for blank ("not entered"), the count otherwise; a Korean
    /// message naming the field for anything that is not a whole number ≥ 0 (formula, date, negative, too large). The
    /// form checks each field with this before it saves, the service again inside the write.
    /// </summary>
    public static string? ReadMetric(UsageMetric metric, string? typed, out int? value)
    {
        value = null;
        var text = typed?.Trim() ?? "";
        if (text.Length == 0) return null;
        if (NumberText.TryRead(text, NumberRules.Count, out var read, out var reason))
        {
            value = (int?)read;
            return null;
        }

        return $"{WithTopic(UsageAggregation.Label(metric))} 0 이상의 정수여야 합니다 ({reason}, 입력: {text}).";
    }

    /// <summary>Reads the typed text: blank means "not entered"; anything else must be a whole number ≥ 0 (thousands separators allowed).</summary>
    public static IReadOnlyList<EntryMessage> Parse(UsageEntryForm form, out ParsedUsageEntry? entry)
    {
        var errors = new List<EntryMessage>();
        entry = null;
        if (string.IsNullOrWhiteSpace(form.CampusCode))
        {
            errors.Add(new(nameof(UsageEntryForm.CampusCode), "캠퍼스를 선택하세요."));
        }

        int month = 0;
        if (string.IsNullOrWhiteSpace(form.Month))
        {
            errors.Add(new(nameof(UsageEntryForm.Month), "월을 선택하세요."));
        }
        else if (!int.TryParse(form.Month.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out month) || month is < 1 or > 12)
        {
            errors.Add(new(nameof(UsageEntryForm.Month), $"월은 1~12 사이여야 합니다 (입력: {form.Month.Trim()})."));
        }

        var values = new Dictionary<UsageMetric, int?>();
        foreach (var metric in UsageAggregation.Metrics)
        {
            var text = form[metric]?.Trim() ?? "";
            if (text.Length == 0)
            {
                values[metric] = null;
                continue;
            }

            if (ReadMetric(metric, text, out var value) is { } error)
            {
                errors.Add(new(UsageEntryForm.FieldOf(metric), error));
            }
            else
            {
                values[metric] = value;
            }
        }

        if (errors.Count == 0 && values.Values.All(v => v is null))
        {
            errors.Add(new(General, "입력한 값이 없습니다. 한 항목 이상 입력하세요."));
        }

        if (errors.Count > 0) return errors;
        entry = new ParsedUsageEntry(form.CampusCode.Trim(), form.Year, month,
            values[UsageMetric.Visits], values[UsageMetric.CourseParticipants], values[UsageMetric.CounsellingCases],
            values[UsageMetric.Communities], values[UsageMetric.OccupiedSeats]);
        return errors;
    }

    /// <summary>The rules that depend on the stored state: reporting periods, closing, opening date, seat count.</summary>
    public static IReadOnlyList<EntryMessage> Check(ParsedUsageEntry entry, EntryContext context, out IReadOnlyList<string> notices)
    {
        var errors = new List<EntryMessage>();
        var notes = new List<string>();
        notices = notes;
        var quarter = QuarterCalendar.QuarterOf(entry.Month);

        if (context.Periods.Count == 0)
        {
            errors.Add(new(General, $"{entry.Year}년은 등록된 보고 기간이 없어 입력할 수 없습니다."));
            return errors;
        }

        // The same rule as every other write (PeriodLock): the month's quarter must have a period that is open, and a closed
        // report freezes every earlier month of its year too (reports are cumulative).
        if (PeriodLock.Check(entry.Year, quarter, context.Periods.Select(p => new PeriodLock.YearPeriod(p.Quarter, p.AsOf, p.IsClosed)).ToList()) is { } locked)
        {
            errors.Add(new(General, locked));
            return errors;
        }

        var monthEnd = new DateOnly(entry.Year, entry.Month, DateTime.DaysInMonth(entry.Year, entry.Month));
        if (context.OpenedOn is { } opened && opened > monthEnd)
        {
            errors.Add(new(General, $"{WithTopic(context.CampusName)} {Fmt.Date(opened)} 개관하여 {entry.Year}년 {entry.Month}월 자료를 입력할 수 없습니다 (개소일 이전의 달)."));
            return errors;
        }

        var monthStart = new DateOnly(entry.Year, entry.Month, 1);
        if (context.ClosedOn is { } closed && closed < monthStart)
        {
            errors.Add(new(General, $"{WithTopic(context.CampusName)} {Fmt.Date(closed)} 폐소하여 {entry.Year}년 {entry.Month}월 자료를 입력할 수 없습니다 (폐소일 이후의 달)."));
            return errors;
        }

        if (context.OpenedOn is null && context.NotYetOpen)
        {
            errors.Add(new(General, $"{WithTopic(context.CampusName)} 개관 전이어서 자료를 입력할 수 없습니다 (개관: {context.OpenedRaw ?? "미정"})."));
            return errors;
        }

        if (entry.OccupiedSeats is { } occupied)
        {
            if (context.Seats is null)
            {
                notes.Add($"{context.CampusName}의 {entry.Year}년 공유사무실 좌석 수 자료가 없어 사용률을 계산할 수 없습니다. 입주 좌석 수는 저장합니다.");
            }
            else if (Occupancy.Exceeds(occupied, context.Seats))
            {
                errors.Add(new(nameof(UsageEntryForm.OccupiedSeats), $"입주 좌석 수({Fmt.Number(occupied)})가 좌석 수({Fmt.Number(context.Seats)})를 넘습니다."));
            }
            else if (context.Seats == 0)
            {
                notes.Add($"{context.CampusName}의 {entry.Year}년 좌석 수가 0이어서 사용률을 계산할 수 없습니다.");
            }
        }

        return errors;
    }

    /// <summary>The topic particle 은/는 chosen by whether the last syllable has a final consonant (받침).</summary>
    public static string WithTopic(string noun)
    {
        var last = noun.TrimEnd()[^1];
        var hasFinal = last is >= '가' and <= '힣' && (last - '가') % 28 != 0;
        return noun + (hasFinal ? "은" : "는");
    }
}
