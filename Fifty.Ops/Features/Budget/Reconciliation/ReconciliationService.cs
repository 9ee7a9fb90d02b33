using Fifty.Ops.Data;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Budget.Reconciliation;

public sealed record ReconciliationReport(PeriodDto? Period, int Year, IReadOnlyList<Finding> Findings)
{
    /// <summary>Distinct discrepancies of a severity (a repeat of the same two figures counts once).</summary>
    public int Count(FindingSeverity severity) => Discrepancies.Count(Findings, severity);

    public IReadOnlyList<Discrepancy> Grouped => Discrepancies.Group(Findings);
}

/// <summary>Runs every rule of docs/domain.md over the figures of one reporting period (any year that has data).</summary>
public sealed class ReconciliationService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    public static readonly IReadOnlyList<IReconciliationRule> Rules =
    [
        new BudgetIdentityRule(),
        new ParentSumRule(),
        new BalanceRule(),
        new CommitmentRule(),
        new StatedRateRule(),
        new SameFiguresRule(),
        new SameResultRule(),
    ];

    /// <summary>
    /// Runs every rule of <see cref="Rules"/> (docs/domain.md, "Rules the data must obey") over the period's figures and
    /// returns each finding with the figures involved; a figure that breaks a rule is reported, never corrected.
    /// </summary>
    /// <returns>Never null; no findings (and a null period) when the year has no reporting period.</returns>
    public async Task<ReconciliationReport> GetAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        if (period is null) return new ReconciliationReport(null, shownYear, []);
        await using var db = await factory.CreateDbContextAsync(ct);
        return new ReconciliationReport(period, shownYear, Run(await BudgetFacts.LoadAsync(db, period, ct)));
    }

    /// <summary>Findings ordered for reading: mismatches first, then by rule, then in the order of the hierarchy.</summary>
    public static IReadOnlyList<Finding> Run(BudgetFacts data) =>
        Rules.SelectMany(r => r.Check(data))
            .OrderBy(f => f.Severity).ThenBy(f => f.Rule).ThenBy(f => data.SortOrderOf(f.Code)).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
}
