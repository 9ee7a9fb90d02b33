using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Fifty.Ops.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Fifty.Ops.Tests.Security;

/// <summary>Headers, HSTS, error detail, antiforgery on forms, and keys that survive a restart.</summary>
public sealed class HardeningTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData(null, "/css/app.css")]
    [InlineData(null, "/")]
    [InlineData("planner", "/audit")]
    [InlineData("auditor", "/")]
    [InlineData("auditor", "/reports/2023/q3.html")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string? role, string url)
    {
        var client = await factory.SharedClientAsync(role);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        // The circuit's WebSocket is same-origin: no other host, no scheme-wide ws:/wss: source.
        Assert.Contains("connect-src 'self';", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("ws:", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task HttpsResponsesOutsideDevelopmentTellBrowsersToStayOnHttps()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ops.fifty.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        // Over HTTPS the sign-in cookie is marked Secure.
        var token = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await factory.EnsureAccountAsync(AppRoles.Director);
        var signIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = AppRoles.Director, ["password"] = Infrastructure.TestAccounts.Password(AppRoles.Director), ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(null, true)]              // from 127.0.0.1: nginx on the same machine, a known proxy
    [InlineData("203.0.113.50", false)]   // straight from somewhere else: the headers are the client's claim, ignored
    public async Task BehindAKnownProxyTheForwardedSchemeAndAddressCountAndFromAnyoneElseTheyAreIgnored(string? peer, bool trusted)
    {
        await factory.EnsureAccountAsync(AppRoles.Director);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ops.fifty.example"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.77");
        if (peer is not null) client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, peer);

        var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal(trusted, page.Headers.Contains("Strict-Transport-Security"));
        var before = await factory.LastAuditIdAsync();
        var signIn = await AppFactory.SignInAsync(client, AppRoles.Director, Infrastructure.TestAccounts.Password(AppRoles.Director));
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
        Assert.Equal(trusted, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));

        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal(trusted ? "198.51.100.77" : peer, entry.IpAddress);
    }

    [Fact]
    public void KnownProxiesComeFromConfigurationAndDefaultToLoopback()
    {
        _ = factory.Server;
        var options = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        Assert.Equal([System.Net.IPAddress.Loopback, System.Net.IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);

        var configured = new ServiceCollection();
        configured.AddFiftyOpsForwardedHeaders(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5" }).Build());
        var fromConfig = configured.BuildServiceProvider().GetRequiredService<IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        Assert.Equal([System.Net.IPAddress.Parse("10.0.0.5")], fromConfig.KnownProxies);
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFiftyOpsForwardedHeaders(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "nginx.local" }).Build()));
    }

    /// <summary>
    /// An ~8 KB address from a signed-in curl session hung 30 s: curl drops cookies past its 8 KB header budget and
    /// sends the header block without its closing blank line. Kestrel now refuses any request line over 4 KB at once,
    /// and gives up on an unfinished header block after 10 s instead of 30. Measured on real Kestrel sockets.
    /// </summary>
    [Fact]
    public async Task AnOverlongAddressIsRefusedAtOnceEvenWhenTheHeaderBlockNeverEnds()
    {
        _ = factory.Server;
        var limits = factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits;
        Assert.Equal((ServerLimits.MaxRequestLineBytes, ServerLimits.RequestHeadersTimeout), (limits.MaxRequestLineSize, limits.RequestHeadersTimeout));

        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddFiftyOpsServerLimits();
        await using var app = builder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/{**rest}", () => "ok");
        await app.StartAsync();
        var port = new Uri(app.Urls.Single()).Port;

        var fourKb = new string('a', 3000);
        var eightKb = new string('a', 7900);
        Assert.StartsWith("HTTP/1.1 200", await RawAsync(port, $"GET /indicators?x={fourKb} HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
        // What curl sent: the address, then "Cookie: " and no blank line after it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.StartsWith("HTTP/1.1 414", await RawAsync(port, $"GET /indicators?x={eightKb} HTTP/1.1\r\nHost: x\r\nCookie: \r\n"), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"414 after {clock.Elapsed}");
        clock.Restart();
        Assert.StartsWith("HTTP/1.1 408", await RawAsync(port, "GET / HTTP/1.1\r\nHost: x\r\nCookie: "), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20));
        await app.StopAsync();

        static async Task<string> RawAsync(int port, string request)
        {
            using var socket = new System.Net.Sockets.TcpClient();
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
            var stream = socket.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
            var buffer = new byte[256];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }
    }

    [Fact]
    public void DetailedCircuitErrorsAreOffInProduction()
    {
        _ = factory.Server;
        Assert.False(factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("planner", "/indicators/{indicator}?year=2020&quarter=3")]
    [InlineData("planner", "/account/changepassword")]
    [InlineData("admin", "/admin/users")]
    [InlineData("auditor", "/audit")]
    public async Task EveryPostedFormCarriesAnAntiforgeryToken(string? role, string url)
    {
        var client = await factory.SharedClientAsync(role);
        if (url.Contains("{indicator}", StringComparison.Ordinal))
        {
            var list = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/indicators?year=2020&quarter=3", UriKind.Relative)));
            url = "/" + list.QuerySelector("a.indicator-link")!.GetAttribute("href");
        }

        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        var forms = document.QuerySelectorAll("form").ToList();
        Assert.NotEmpty(forms);
        foreach (var form in forms)
        {
            var method = form.GetAttribute("method")?.ToUpperInvariant() ?? "GET";
            if (method == "GET") continue; // the audit filter: reads only
            Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
    }

    [Fact]
    public async Task ARestartKeepsPeopleSignedInBecauseTheKeysAreBesideTheDatabase()
    {
        var database = Path.Combine(Path.GetTempPath(), $"fifty-ops-restart-{Guid.NewGuid():N}.db");
        var keys = Path.Combine(Path.GetTempPath(), $"fifty-ops-restart-keys-{Guid.NewGuid():N}");
        string cookie;
        using (var first = AppFactory.On(database, keys, ownsFiles: false))
        {
            await first.EnsureAccountAsync(AppRoles.Auditor);
            var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
            var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("FiftyOps.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
            var token = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = AppRoles.Auditor, ["password"] = Infrastructure.TestAccounts.Password(AppRoles.Auditor), ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
                }),
            };
            post.Headers.Add("Cookie", antiforgeryCookie);
            var signIn = await client.SendAsync(post);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal)).Split(';')[0];
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        }

        using var second = AppFactory.On(database, keys, ownsFiles: true);
        var again = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await again.SendAsync(request)).StatusCode);
    }
}
