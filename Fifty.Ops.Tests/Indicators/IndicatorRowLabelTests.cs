using System.Text.Json;
using System.Text.Json.Nodes;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Reports;

namespace Fifty.Ops.Tests.Indicators;

/// <summary>
/// The printed 목표 and 실적 are fixed when a row is built and frozen with a closed quarter's report, so a report
/// frozen before the draft mark and the unit existed still prints what it printed when it was closed.
/// </summary>
public sealed class IndicatorRowLabelTests
{
    private static IndicatorRow Row()
    {
        var target = new IndicatorCell(2024, "400명", 400, null, null) { IsDraft = true };
        var actual = new IndicatorCell(2024, "95", 95, null, new DateOnly(2024, 3, 31)) { IsEntered = true };
        var achievement = Achievement.Evaluate(400, 95, "95", Direction.Higher, null, 2024, new DateOnly(2024, 3, 31));
        return new IndicatorRow(44, "T2023-1.1.1", IndicatorKind.Promise, "정책개발", "참여자", "명", [], target, actual, null, achievement, null, null, "입력")
        {
            TargetLabel = IndicatorRow.Label(target),
            ActualLabel = IndicatorRow.WithUnit(actual, "명", target),
        };
    }

    [Fact]
    public void ARowKeepsItsDraftMarkAndUnitThroughTheSnapshotJson()
    {
        var read = JsonSerializer.Deserialize<IndicatorRow>(JsonSerializer.Serialize(Row(), ReportSnapshotJson.Options), ReportSnapshotJson.Options)!;

        Assert.Equal("400명 (초안)", read.TargetText);
        Assert.Equal("95명", read.ActualText);
    }

    [Fact]
    public void ARowFrozenBeforeLabelsWereKeptPrintsItsCellsAsWritten()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(Row(), ReportSnapshotJson.Options))!.AsObject();
        Assert.True(json.Remove(nameof(IndicatorRow.TargetLabel)) && json.Remove(nameof(IndicatorRow.ActualLabel)));

        var read = json.Deserialize<IndicatorRow>(ReportSnapshotJson.Options)!;

        Assert.Equal("400명", read.TargetText);
        Assert.Equal("95", read.ActualText);
    }
}
