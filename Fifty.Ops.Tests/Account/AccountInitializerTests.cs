using System.Text.RegularExpressions;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Account;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Fifty.Ops.Tests.Account;

/// <summary>Accounts at start-up, with the app's own registrations on an empty, migrated database.</summary>
public sealed partial class AccountInitializerTests : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"fifty-ops-accounts-{Guid.NewGuid():N}.db");
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"fifty-ops-accounts-keys-{Guid.NewGuid():N}");

    private string ConnectionString => $"Data Source={_databasePath};Pooling=False";

    public async Task InitializeAsync()
    {
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(ConnectionString).Options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheFirstStartPrintsAGeneratedAdminPasswordOnceAndItSignsIn()
    {
        var first = await StartAsync(Environments.Production, adminPassword: null);
        var password = PrintedPassword().Match(first).Groups[1].Value;
        Assert.Matches("^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$", password);
        Assert.Contains("아이디:   admin", first, StringComparison.Ordinal);

        Assert.Equal("", await StartAsync(Environments.Production, adminPassword: null));

        await using var services = Services(Environments.Production, null);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync("admin"))!;
        Assert.True(await users.CheckPasswordAsync(admin, password));
        Assert.Equal([AppRoles.Admin], await users.GetRolesAsync(admin));

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        var created = await db.AuditEntries.SingleAsync(e => e.Kind == AuditKind.Account && e.Field == null);
        Assert.Equal(("system", "User", "admin"), (created.UserName, created.ObjectType, created.ObjectId));
        Assert.DoesNotContain(password, await db.AuditEntries.Select(e => e.NewValue).FirstAsync(e => e != null && e.Contains("PasswordHash")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfiguredAdminPasswordIsUsedAndNothingIsPrinted()
    {
        Assert.Equal("", await StartAsync(Environments.Production, "a configured passphrase"));
        await using var services = Services(Environments.Production, null);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("admin"))!, "a configured passphrase"));
    }

    [Fact]
    public async Task AConfiguredPasswordThatBreaksThePolicyStopsTheStartWithTheReason()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(Environments.Production, "too-short"));
        Assert.Contains("Auth:InitialAdminPassword", ex.Message, StringComparison.Ordinal);
        Assert.Contains("비밀번호는 12자 이상이어야 합니다.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoAccountsExistOnlyInDevelopmentWithThePasswordsTheReadmeLists()
    {
        await StartAsync(Environments.Development, "a passphrase for the start");
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        await using (var services = Services(Environments.Development, null))
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var demo in AccountInitializer.DemoAccounts)
            {
                var user = (await users.FindByNameAsync(demo.UserName))!;
                Assert.True(user.IsDemo);
                Assert.True(await users.CheckPasswordAsync(user, demo.Password), demo.UserName);
                Assert.Equal([demo.Role], await users.GetRolesAsync(user));
                Assert.Contains($"`{demo.UserName}`", readme, StringComparison.Ordinal);
                Assert.Contains($"`{demo.Password}`", readme, StringComparison.Ordinal);
            }
        }

        // The same database started in Production: the demo accounts are switched off, the admin is not.
        await StartAsync(Environments.Production, null);
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(ConnectionString).Options);
        Assert.Equal(["admin: False", "auditor: True", "director: True", "planner: True"],
            await db.Users.OrderBy(u => u.UserName).Select(u => $"{u.UserName}: {u.IsDisabled}").ToListAsync());
    }

    private async Task<string> StartAsync(string environment, string? adminPassword)
    {
        await using var services = Services(environment, adminPassword);
        await using var scope = services.CreateAsyncScope();
        await using var output = new StringWriter();
        await ActivatorUtilities.CreateInstance<AccountInitializer>(scope.ServiceProvider, output).InitializeAsync();
        return output.ToString();
    }

    private ServiceProvider Services(string environment, string? adminPassword)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = ConnectionString,
            ["DataProtection:KeysPath"] = _keys,
            ["Auth:InitialAdminPassword"] = adminPassword,
        }).Build();
        var hosting = new HostingEnvironment { EnvironmentName = environment, ApplicationName = "Fifty.Ops", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton<IHostEnvironment>(hosting);
        services.AddFiftyOpsData(configuration);
        services.AddFiftyOpsSecurity(configuration, hosting);
        return services.BuildServiceProvider();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
    }

    [GeneratedRegex(@"비밀번호: (\S+)")]
    private static partial Regex PrintedPassword();
}
