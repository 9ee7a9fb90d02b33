using Fifty.Ops.Domain;
using Fifty.Ops.Features.FiscalYear;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>On /setup a 단위사업 without its own 당초예산 shows the sum of its children's once every one of them has one.</summary>
public sealed class SetupChildrenBudgetTests : AppTestBase
{
    [Fact]
    public async Task AParentWithoutItsOwnOriginalBudgetShowsItsChildrensSumOnlyWhenEveryChildHasOne()
    {
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        string[] children;
        await using (var db = Db())
        {
            var nodes = await db.ProgrammeNodes.AsTracking().Where(n => n.Year == 2024 && (n.Code == "P2.1" || n.Parent!.Code == "P2.1")).ToListAsync();
            children = nodes.Where(n => n.Code != "P2.1").Select(n => n.Code).Order().ToArray();
            Assert.True(children.Length >= 2, string.Join(", ", children));
            foreach (var n in nodes) n.OriginalBudget = n.Code == "P2.1" ? null : 100_000m;
            await db.SaveChangesAsync();
        }

        var parent = (await Get<FiscalYearService>().GetAsync(2024)).Nodes.Single(n => n.Code == "P2.1");
        Assert.Null(parent.OriginalBudget);
        Assert.Equal(100_000m * children.Length, parent.ChildrenBudget);

        await using (var db = Db())
        {
            var first = await db.ProgrammeNodes.AsTracking().SingleAsync(n => n.Year == 2024 && n.Code == children[0]);
            first.OriginalBudget = null;
            await db.SaveChangesAsync();
        }

        Assert.Null((await Get<FiscalYearService>().GetAsync(2024)).Nodes.Single(n => n.Code == "P2.1").ChildrenBudget);
    }
}
