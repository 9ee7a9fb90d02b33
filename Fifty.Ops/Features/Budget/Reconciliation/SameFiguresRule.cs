using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// The same project on the same 기준일 shows the same amounts in every section: each printing of a row against its
/// reference printing (<see cref="BudgetFacts.Reference"/>), a project block's 소요예산 against the lines it
/// covers, and the 분야별 사업비 and 예산 총괄표 tables against the execution hierarchy. What cannot be paired with
/// anything is listed as not compared rather than passed silently.
/// </summary>
public sealed class SameFiguresRule : IReconciliationRule
{
    private static readonly ProgrammeKind[] AreaKinds = [ProgrammeKind.PolicyArea, ProgrammeKind.StrategicTask];

    public IEnumerable<Finding> Check(BudgetFacts data) =>
        Printings(data).Concat(Projects(data)).Concat(CostShares(data)).Concat(Summary(data));

    private static IEnumerable<Finding> Printings(BudgetFacts data)
    {
        foreach (var group in data.Lines.Where(l => l.Code is not null).GroupBy(l => l.Code!))
        {
            var reference = group.First();
            foreach (var other in group.Skip(1))
            {
                foreach (var column in AmountColumn.All)
                {
                    if (column.Get(reference) is not { } a || column.Get(other) is not { } b || a == b) continue;
                    var item = column.LabelIn(reference.Section) == column.LabelIn(other.Section)
                        ? column.Label
                        : $"{column.LabelIn(reference.Section)} · {column.LabelIn(other.Section)}";
                    yield return new Finding(
                        ReconciliationRule.SameFigures, FindingSeverity.Mismatch,
                        group.Key, data.NameOf(reference), item, FindingUnit.Amount,
                        reference.Value(a), other.Value(b),
                        other.Section == reference.Section ? "같은 표에 같은 행이 두 번 인쇄되었습니다." : null);
                }
            }
        }
    }

    /// <summary>
    /// A project block states one 소요예산 for the lines it covers. Blocks with one line whose 소요예산 line carries
    /// the programme code are already compared above; a 소요예산 is only checked against execution sections, never
    /// against itself (2020 prints nothing else).
    /// </summary>
    private static IEnumerable<Finding> Projects(BudgetFacts data)
    {
        foreach (var project in data.Projects)
        {
            if (project.RequiredBudget is not { } required || project.ProgrammeCodes.Count == 0) continue;
            if (project.ProgrammeCodes.Count == 1 && data.FirstIn(project.ProgrammeCodes[0], BudgetSection.RequiredBudget) is not null) continue;
            var references = project.ProgrammeCodes.Select(data.Reference).ToList();
            if (references.Any(r => r is not { Section: BudgetSection.Appendix or BudgetSection.ProjectTable, CurrentBudget: not null })) continue;

            var sum = references.Sum(r => r!.CurrentBudget!.Value);
            if (sum == required) continue;
            var line = data.Lines.FirstOrDefault(l => l.Section == BudgetSection.RequiredBudget && l.Code is null
                                                      && l.Source.Section.StartsWith(project.Source.Section + " ›", StringComparison.Ordinal));
            var stated = line is null
                ? new FindingValue("사업개요 소요예산", required, Fmt.Amount(required), project.Source + " › 소요예산")
                : line.Value(required);
            var section = string.Join("·", references.Select(r => r!.Section).Distinct().Select(s => s.Label()));
            yield return new Finding(
                ReconciliationRule.SameFigures, FindingSeverity.Mismatch,
                project.Code, project.Title, "소요예산 · 예산현액", FindingUnit.Amount,
                stated,
                new FindingValue($"{section} 예산현액 합계 ({string.Join(" + ", project.ProgrammeCodes.Zip(references, (c, r) => $"{c} {Fmt.Amount(r!.CurrentBudget)}"))})", sum, Fmt.Amount(sum), "계산"),
                "사업 블록의 소요예산과 그 사업이 보여 주는 세부사업들의 예산현액 합계가 다릅니다.");
        }

        foreach (var orphan in data.Lines.Where(l => l.Section == BudgetSection.RequiredBudget && l.Code is null))
        {
            if (data.Projects.Any(p => orphan.Source.Section.StartsWith(p.Source.Section + " ›", StringComparison.Ordinal))) continue;
            yield return new Finding(
                ReconciliationRule.NotCompared, FindingSeverity.Info, "—", orphan.NameInSource, "소요예산", FindingUnit.Amount,
                orphan.Value(orphan.CurrentBudget), Missing("사업 코드와 연결되지 않은 소요예산입니다."), "대조할 세부사업을 찾지 못했습니다.");
        }
    }

    private static IEnumerable<Finding> CostShares(BudgetFacts data)
    {
        var areas = data.Nodes.Where(n => AreaKinds.Contains(n.Kind) || (n.ParentCode is null && n.Kind is not (ProgrammeKind.Total or ProgrammeKind.ProgrammeCosts or ProgrammeKind.Overheads))).ToList();
        foreach (var share in data.CostShares.Where(s => s.AsOf == data.AsOf))
        {
            var node = share.IsTotal
                ? data.Nodes.FirstOrDefault(n => n.Kind == ProgrammeKind.ProgrammeCosts)
                : NameMatch.Best(share.Area, areas, n => n.Name) ?? ByFunding(share.Area, areas);
            var stated = new FindingValue($"분야별 사업비 표 {share.Area} 행", share.Amount, Fmt.Amount(share.Amount), share.Source.ToString());
            var missing = share.IsTotal ? "이 보고서의 사업 체계에는 사업비 소계 행이 없습니다." : null;
            var finding = Compare(data, node, share.IsTotal ? "분야별 사업비" : node?.Code ?? "분야별 사업비", share.Area, "사업비 · 예산현액", stated, missing);
            if (finding is not null) yield return finding;
        }
    }

    /// <summary>The expenditure side of 예산 총괄표 against the appendix: 소계, 사업비, 일반관리비 and its items.</summary>
    private static IEnumerable<Finding> Summary(BudgetFacts data)
    {
        if (!data.Lines.Any(l => l.Section == BudgetSection.Appendix)) yield break;
        var overheadItems = data.Nodes.Where(n => n.Kind == ProgrammeKind.OverheadItem).ToList();
        foreach (var item in data.Summary.Where(s => s.Side == BudgetSide.Expenditure && s.AsOf == data.AsOf))
        {
            var normalized = NameMatch.Normalize(item.Item);
            var node = item.IsTotal ? data.Nodes.FirstOrDefault(n => n.Kind == ProgrammeKind.Total)
                : normalized == "사업비" ? data.Nodes.FirstOrDefault(n => n.Kind == ProgrammeKind.ProgrammeCosts)
                : normalized == "일반관리비" ? data.Nodes.FirstOrDefault(n => n.Kind == ProgrammeKind.Overheads)
                : NameMatch.Best(item.Item, overheadItems, n => n.Name);
            var stated = new FindingValue($"{item.Table} {item.Item} 행", item.Amount, Fmt.Amount(item.Amount), item.Source.ToString());
            var finding = Compare(data, node, node?.Code ?? item.Table, item.Item, "금액 · 예산현액", stated);
            if (finding is not null) yield return finding;
        }
    }

    /// <summary>
    /// A row named by its funding rather than its title ("[위수탁]서울시 수탁사업 (도심권50플러스센터 운영)") is the one
    /// area-level row with that funding source, when there is exactly one.
    /// </summary>
    private static NodeFact? ByFunding(string area, IReadOnlyList<NodeFact> areas)
    {
        var funding = area.Contains("위수탁", StringComparison.Ordinal) || area.Contains("수탁사업", StringComparison.Ordinal) ? FundingSource.Commissioned
            : area.Contains("[보조금", StringComparison.Ordinal) ? FundingSource.Subsidy
            : area.Contains("[기부금", StringComparison.Ordinal) ? FundingSource.Donation
            : (FundingSource?)null;
        if (funding is null) return null;
        var matches = areas.Where(a => a.Funding == funding).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static Finding? Compare(BudgetFacts data, NodeFact? node, string code, string name, string item, FindingValue stated, string? missing = null)
    {
        if (node is null)
        {
            return new Finding(ReconciliationRule.NotCompared, FindingSeverity.Info, code, name, item, FindingUnit.Amount,
                stated, Missing(missing ?? "사업 체계에서 같은 이름의 행을 찾지 못했습니다."), "대응하는 행이 없어 대조하지 않았습니다.");
        }

        if (data.BudgetOf(node.Code) is not { } hierarchy)
        {
            return new Finding(ReconciliationRule.NotCompared, FindingSeverity.Info, code, name, item, FindingUnit.Amount,
                stated, Missing($"{node.Code} {node.Name}: 금액이 없거나 하위 행 일부에만 있습니다."), "대조할 금액이 없어 대조하지 않았습니다.");
        }

        if (hierarchy.Amount == stated.Value) return null;
        var other = hierarchy.ToValue();
        return new Finding(ReconciliationRule.SameFigures, FindingSeverity.Mismatch, code, name, item, FindingUnit.Amount,
            stated, other with { Where = $"{node.Code} {node.Name}: {other.Where}" });
    }

    private static FindingValue Missing(string where) => new(where, null, Fmt.None, "—");
}
