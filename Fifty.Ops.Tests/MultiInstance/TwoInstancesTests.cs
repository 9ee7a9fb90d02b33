using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.FiscalYear.Profile;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Postgres;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// Two app instances on one PostgreSQL database (in process, each with its own host, services and caches; no proxy):
/// the sign-in form of one is posted to the other, the cookie the second issues opens pages on the first, and a period
/// opened and closed or a profile renamed through one is seen by the other at once although both are cached for an hour here.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private string? _database;
    private AppFactory? _first;
    private AppFactory? _second;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_POSTGRES"))) return;
        _database = PostgresFactAttribute.NewDatabase();
        // Separate key folders: on PostgreSQL the keys are in the database, so neither folder is used.
        _first = AppFactory.On(_database, Path.Combine(Path.GetTempPath(), $"fo-keys-{Guid.NewGuid():N}"), ownsFiles: false);
        _second = AppFactory.On(_database, Path.Combine(Path.GetTempPath(), $"fo-keys-{Guid.NewGuid():N}"), ownsFiles: false);
        _first.Settings["Periods:CacheSeconds"] = _second.Settings["Periods:CacheSeconds"] = "3600";
        _first.Settings["Institution:NameCacheSeconds"] = _second.Settings["Institution:NameCacheSeconds"] = "3600";
        await _first.EnsureAccountAsync(AppRoles.Auditor); // the first start migrates and seeds
        await _second.EnsureAccountAsync(AppRoles.Auditor);
    }

    public Task DisposeAsync()
    {
        _second?.Dispose();
        _first?.Dispose();
        if (_database is not null) TestProvider.DropDatabase(_database);
        return Task.CompletedTask;
    }

    [PostgresFact]
    public async Task ACookieAndAFormFromOneInstanceAreReadByTheOther()
    {
        var one = _first!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var other = _second!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await one.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("FiftyOps.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = AppRoles.Auditor, ["password"] = TestAccounts.Password(AppRoles.Auditor), ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signIn = await other.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal)).Split(';')[0];

        foreach (var client in new[] { one, other, one })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
            request.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        // Without the cookie the same page sends to the sign-in form: the 200s above were the cookie's doing.
        Assert.Equal(HttpStatusCode.Redirect, (await one.GetAsync(new Uri("/audit", UriKind.Relative))).StatusCode);
    }

    [PostgresFact]
    public async Task APeriodOpenedAndClosedOnOneInstanceIsSeenSoOnTheOther()
    {
        var otherPeriods = _second!.Services.GetRequiredService<PeriodService>();
        Assert.DoesNotContain(await otherPeriods.GetAllAsync(), p => p is { Year: 2023, Quarter: 4 }); // cached for an hour from now
        var admin = await _first!.AdminPrincipalAsync();
        await using (var scope = _first.Services.CreateAsyncScope())
        {
            var periods = ActivatorUtilities.CreateInstance<PeriodAdminService>(scope.ServiceProvider);
            Assert.True((await periods.OpenAsync(admin, new PeriodOpenForm { Year = "2023", Quarter = "4" })).Saved);
        }

        await Until(async () => (await otherPeriods.GetAllAsync()).Any(p => p is { Year: 2023, Quarter: 4, IsClosed: false }));
        await using (var scope = _first.Services.CreateAsyncScope())
        {
            var periods = ActivatorUtilities.CreateInstance<PeriodAdminService>(scope.ServiceProvider);
            await using var db = await _first.DbAsync();
            var version = db.ReportingPeriods.Single(p => p.Year == 2023 && p.Quarter == 4).Version;
            Assert.True((await periods.CloseAsync(admin, 2023, 4, version)).Saved);
        }

        await Until(async () => (await otherPeriods.GetAllAsync()).Any(p => p is { Year: 2023, Quarter: 4, IsClosed: true }));
    }

    [PostgresFact]
    public async Task AProfileSavedOnOneInstanceRenamesTheInstitutionOnTheOther()
    {
        var otherNames = _second!.Services.GetRequiredService<InstitutionNameService>();
        Assert.NotEqual("서울중장년재단", await otherNames.GetAsync(2023)); // kept for an hour from now
        var profiles = _first!.Services.GetRequiredService<ProfileSetupService>();
        var profile = await profiles.GetAsync(2023);
        profile.Form.Name = "서울중장년재단";
        Assert.True((await profiles.SaveAsync(await _first.AdminPrincipalAsync(), 2023, profile.Form)).Saved);

        await Until(async () => await otherNames.GetAsync(2023) == "서울중장년재단");

        // A plain save (the transaction SaveChanges opens itself) tells the other instance as well.
        await using (var db = await _first.DbAsync())
        {
            (await db.InstitutionProfiles.AsTracking().SingleAsync(p => p.Year == 2023)).Name = "서울50플러스";
            await db.SaveChangesAsync();
        }

        await Until(async () => await otherNames.GetAsync(2023) == "서울50플러스");
    }

    /// <summary>Waits for a condition (a notification crossing instances), failing after a minute on a busy machine.</summary>
    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the other instance did not see the change within a minute");
            await Task.Delay(50);
        }
    }
}
