using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fifty.Ops.Bench;

/// <summary>
/// The real app in this process (migrations, seeding, pages, exports) over a database of the benchmark's: the SQLite
/// file <paramref name="databasePath"/>, or, when <paramref name="postgresServer"/> names a PostgreSQL server (a connection
/// string without a database), a new database on it named after the file, dropped on dispose unless <see cref="KeepDatabase"/>.
/// </summary>
public sealed partial class BenchApp(string databasePath, string? postgresServer = null) : WebApplicationFactory<Program>
{
    /// <summary>The first start creates <c>admin</c> with this password; the benchmark signs in as admin (reads everything).</summary>
    public const string AdminPassword = "bench-only-password-2026";

    public string DatabasePath { get; } = databasePath;

    public bool IsPostgres => postgresServer is not null;

    /// <summary>The app's <c>ConnectionStrings:Default</c>.</summary>
    public string ConnectionString { get; } = postgresServer is null ? $"Data Source={databasePath}" : PostgresBench.CreateDatabase(postgresServer, "fo_bench_" + Path.GetFileNameWithoutExtension(databasePath) + "_" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Leave the PostgreSQL database for a later step (the load test); the caller drops it.</summary>
    public bool KeepDatabase { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        if (IsPostgres) builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Auth:InitialAdminPassword", AdminPassword);
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Path.GetDirectoryName(DatabasePath)!, "keys-" + Path.GetFileNameWithoutExtension(DatabasePath)));
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, LoopbackAddress>());
    }

    /// <summary>A client signed in through the real sign-in form as admin.</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = TokenPattern().Match(login).Groups[1].Value;
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = AdminPassword, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (IsPostgres && !KeepDatabase) PostgresBench.DropDatabase(ConnectionString);
    }

    /// <summary>The test server gives no client address; the audit trail records one.</summary>
    private sealed class LoopbackAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
