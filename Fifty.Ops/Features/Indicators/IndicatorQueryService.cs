using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Indicators;

public sealed record IndicatorCell(int Year, string Raw, decimal? Value, decimal? SubValue, DateOnly? AsOf);

public sealed record IndicatorRow(
    int Id,
    string Code,
    IndicatorKind Kind,
    string Field,
    string Name,
    string Unit,
    IReadOnlyList<IndicatorCell> History,
    IndicatorCell? Target,
    IndicatorCell? Actual,
    string? StatedRateRaw,
    AchievementResult Achievement,
    string? ProjectCode,
    string? ProjectTitle,
    string Source)
{
    /// <summary>A project target is named by its project ("중장년 인턴십 지원 · 인턴십 참여자"), as the report reads.</summary>
    public string DisplayName => ProjectTitle is null ? Name : $"{ProjectTitle} · {Name}";
}

public sealed record IndicatorList(PeriodDto? Period, int Year, IReadOnlyList<int> HistoryYears, IReadOnlyList<IndicatorRow> Rows)
{
    public int Count(AchievementStatus status) => Rows.Count(r => r.Achievement.Status == status);
}

public sealed class IndicatorQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    public async Task<IndicatorList> GetListAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);

        await using var db = await factory.CreateDbContextAsync(ct);
        var indicators = await db.Indicators
            .Where(i => i.Year == shownYear)
            .OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
            .Select(i => new
            {
                i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, i.Direction, i.CautionThreshold,
                ProjectCode = i.Project == null ? null : i.Project.Code,
                ProjectTitle = i.Project == null ? null : i.Project.Title,
                i.Source,
            })
            .ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var values = await db.IndicatorValues
            .Where(v => ids.Contains(v.IndicatorId))
            .Select(v => new { v.IndicatorId, v.Year, v.Kind, v.Raw, v.Value, v.SubValue, v.AsOf })
            .ToListAsync(ct);
        var byIndicator = values.ToLookup(v => v.IndicatorId);

        var rows = indicators.Select(i =>
        {
            var cells = byIndicator[i.Id].ToList();
            IndicatorCell? Cell(IndicatorValueKind kind, int y) => cells
                .Where(c => c.Kind == kind && c.Year == y)
                .Select(c => new IndicatorCell(c.Year, c.Raw, c.Value, c.SubValue, c.AsOf))
                .FirstOrDefault();
            var history = cells.Where(c => c.Kind == IndicatorValueKind.Actual && c.Year < shownYear)
                .OrderBy(c => c.Year)
                .Select(c => new IndicatorCell(c.Year, c.Raw, c.Value, c.SubValue, c.AsOf))
                .ToList();
            var target = Cell(IndicatorValueKind.Target, shownYear);
            var actual = Cell(IndicatorValueKind.Actual, shownYear);
            var stated = Cell(IndicatorValueKind.StatedRate, shownYear);
            var achievement = target is null && stated?.Value is { } statedPercent
                ? Achievement.FromStatedRate(statedPercent, i.CautionThreshold, shownYear, actual?.AsOf)
                : Achievement.Evaluate(target?.Value, actual?.Value, actual?.Raw, i.Direction, i.CautionThreshold, shownYear, actual?.AsOf);
            return new IndicatorRow(i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, history, target, actual, stated?.Raw, achievement, i.ProjectCode, i.ProjectTitle, i.Source.ToString());
        }).ToList();

        var historyYears = rows.SelectMany(r => r.History).Select(h => h.Year).Distinct().Order().ToList();
        return new IndicatorList(period, shownYear, historyYears, rows);
    }
}
