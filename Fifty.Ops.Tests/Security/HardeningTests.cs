using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
