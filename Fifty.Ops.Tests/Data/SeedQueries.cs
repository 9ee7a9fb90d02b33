using Fifty.Ops.Domain;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

internal static class SeedQueries
{
    public static Task<int> StrategicTasks2020(this Fifty.Ops.Data.FiftyOpsDbContext db) =>
        db.ProgrammeNodes.CountAsync(n => n.Year == 2020 && n.Kind == ProgrammeKind.StrategicTask);
}
