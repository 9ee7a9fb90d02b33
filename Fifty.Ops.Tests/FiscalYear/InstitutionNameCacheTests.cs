using Fifty.Ops.Features.FiscalYear.Profile;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// The institution's name is read by every page's layout, so it is cached (issue 17, queries per page) and dropped by
/// the app's one rule for cached tables: a save that changes a profile, at once and again when its transaction commits.
/// </summary>
public sealed class InstitutionNameCacheTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();
    private ServiceProvider _app = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = AppDbContexts.Services(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheNameIsReadOnceAndASavedProfileRenamesItAfterItsTransactionCommits()
    {
        var names = _app.GetRequiredService<InstitutionNameService>();
        var factory = _app.GetRequiredService<IDbContextFactory<Fifty.Ops.Data.FiftyOpsDbContext>>();
        var seeded = await names.GetAsync(2023);
        Assert.NotEqual(InstitutionNameService.Fallback, seeded);

        // A change behind the change tracker's back is not seen: the name was not read again.
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.InstitutionProfiles.Where(p => p.Year == 2023).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "직접 바꾼 이름")));
        }

        Assert.Equal(seeded, await names.GetAsync(2023));

        // A save through the app's contexts drops it; a read between the save and the commit still sees the old row,
        // and the commit drops what that read kept.
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var profile = await db.InstitutionProfiles.AsTracking().SingleAsync(p => p.Year == 2023);
            profile.Name = "서울중장년재단";
            await db.SaveChangesAsync();
            Assert.Equal("직접 바꾼 이름", await names.GetAsync(2023));
            await transaction.CommitAsync();
        }

        Assert.Equal("서울중장년재단", await names.GetAsync(2023));
        Assert.Equal("서울중장년재단", await names.GetAsync(2030)); // the latest earlier profile

        // A save in the transaction SaveChanges opens itself drops it too.
        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.InstitutionProfiles.AsTracking().SingleAsync(p => p.Year == 2023)).Name = "서울50플러스";
            await db.SaveChangesAsync();
        }

        Assert.Equal("서울50플러스", await names.GetAsync(2023));
    }
}
