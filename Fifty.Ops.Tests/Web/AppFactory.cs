using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Web;

/// <summary>
/// Boots the real app (migrations, seeding, accounts, pages) on a fresh SQLite file (a copy of the run's first-start
/// template, <see cref="TemplateDatabase"/>), and signs test users in through
/// the real sign-in form: GET the page for its antiforgery token, POST the form, keep the cookie.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFiles;
    private readonly bool _fresh;

    public AppFactory()
        : this(null, null, ownsFiles: true)
    {
    }

    private AppFactory(string? databasePath, string? keysPath, bool ownsFiles)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"fifty-ops-web-{Guid.NewGuid():N}.db");
        KeysPath = keysPath ?? Path.Combine(Path.GetTempPath(), $"fifty-ops-keys-{Guid.NewGuid():N}");
        _ownsFiles = ownsFiles;
        _fresh = databasePath is null;
        // On PostgreSQL a "path" that is already a connection string is a second app on the first one's database.
        ConnectionString = TestProvider.IsPostgresString(DatabasePath) ? DatabasePath
            : TestProvider.IsPostgres && databasePath is null ? TestProvider.NewDatabase(DatabasePath)
            : $"Data Source={DatabasePath};Pooling=False";
        if (TestProvider.IsPostgresString(ConnectionString)) DatabasePath = ConnectionString;
    }

    /// <summary>An app on given files, e.g. a second start on the first one's database and keys.</summary>
    public static AppFactory On(string databasePath, string keysPath, bool ownsFiles) => new(databasePath, keysPath, ownsFiles);

    /// <summary>The SQLite file; on PostgreSQL the connection string (so <see cref="On"/> starts a second app on it).</summary>
    public string DatabasePath { get; }

    public string KeysPath { get; }

    public string ConnectionString { get; }

    /// <summary>Further settings of this app (set before it starts).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // A fresh SQLite app starts on a copy of the run's first-start template (migrated, seeded, its audit entry): the
        // start then finds it seeded, as a restart would, and only adds the admin account. Other seed settings seed anew.
        if (_fresh && TemplateDatabase.Enabled && !TestProvider.IsPostgresString(ConnectionString) && !File.Exists(DatabasePath)
            && !Settings.Keys.Any(k => k.StartsWith("Seed:", StringComparison.OrdinalIgnoreCase)))
        {
            TemplateDatabase.CopyInitialized(DatabasePath);
        }

        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting(Fifty.Ops.Data.DatabaseSettings.ProviderKey, TestProvider.IsPostgresString(ConnectionString) ? "Postgres" : "Sqlite");
        builder.UseSetting("Auth:InitialAdminPassword", TestAccounts.Password("admin"));
        builder.UseSetting("DataProtection:KeysPath", KeysPath);
        // Every test client comes from 127.0.0.1: the per-address limit on sign-in posts would throttle the suite.
        // SignInThrottleTests runs the app with the default limit.
        builder.UseSetting("Auth:SignInRequestsPerMinute", SignInRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, LoopbackAddress>();
            ConfigureTestServices(services);
        });
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected virtual int SignInRequestsPerMinute => 10_000;

    /// <summary>Request header naming the address the connection comes from (the test server has no socket); loopback otherwise.</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>A client that is not signed in and does not follow redirects (so a redirect to the sign-in page shows).</summary>
    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client signed in as the test account of <paramref name="role"/>; null gives an anonymous client.</summary>
    public async Task<HttpClient> CreateClientAsync(string? role)
    {
        var client = CreateAnonymousClient();
        if (role is null) return client;
        await EnsureAccountAsync(role);
        var response = await SignInAsync(client, role, TestAccounts.Password(role));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/",
            $"{role} could not sign in: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>One signed-in client per role, kept for the life of the factory: for tests that only read.</summary>
    public async Task<HttpClient> SharedClientAsync(string? role)
    {
        await _sharedLock.WaitAsync();
        try
        {
            var key = role ?? "";
            if (!_shared.TryGetValue(key, out var client)) _shared[key] = client = await CreateClientAsync(role);
            return client;
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    private readonly Dictionary<string, HttpClient> _shared = [];
    private readonly SemaphoreSlim _sharedLock = new(1, 1);

    public async Task EnsureAccountAsync(string role)
    {
        _ = Server;
        await TestAccounts.EnsureAsync(ConnectionString, role);
    }

    /// <summary>Posts the sign-in form as a browser would (with the token from the page); returns the redirect.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        return new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{page} has no antiforgery token.");
    }

    /// <summary>A short-lived context on the app's database, from the app's own factory (as production builds them).</summary>
    public async Task<FiftyOpsDbContext> DbAsync()
    {
        _ = Server;
        return await Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
    }

    /// <summary>The id of the account named <paramref name="userName"/>; throws when there is none.</summary>
    public async Task<int> UserIdAsync(string userName)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The app's first administrator as a signed-in principal, for calling services directly.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> AdminPrincipalAsync() =>
        TestAccounts.Principal(Fifty.Ops.Infrastructure.Security.AppRoles.Admin, await UserIdAsync("admin"), "admin");

    /// <summary>Creates an account through the user administration (as an admin would) and returns its issued password.</summary>
    public async Task<(string UserName, string Password)> NewUserAsync(string userName, string role)
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Features.Admin.UserAdminService>()
            .CreateAsync(await AdminPrincipalAsync(), new Features.Admin.NewUserInput { UserName = userName, DisplayName = "시험 사용자", Roles = [role] });
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return (userName, result.IssuedPassword!);
    }

    public async Task<List<AuditEntry>> AuditEntriesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<long> LastAuditIdAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var client in _shared.Values) client.Dispose();
        _sharedLock.Dispose();
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsFiles) return;
        TestProvider.DropDatabase(ConnectionString);
        if (Directory.Exists(KeysPath)) Directory.Delete(KeysPath, recursive: true);
    }

    /// <summary>
    /// The test server has no socket; give requests the loopback address Kestrel would report, or the one a test names
    /// in <see cref="PeerHeader"/> (a client that is not the known proxy).
    /// </summary>
    private sealed class LoopbackAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
