using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Web;

/// <summary>
/// Every GET endpoint the app maps (pages and downloads, read from its <see cref="EndpointDataSource"/>, so endpoints
/// added later are walked too), every route and query parameter of it, with boundary and garbage values, as a signed-in
/// user allowed to open it: no answer is a 500.
/// </summary>
public sealed partial class EndpointBoundaryTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>Years and quarters out of range, calendar ends, overlong text, not-a-number, full-width digits, control characters.</summary>
    private static readonly string[] Values =
    [
        "0", "-1", "99999", "5", "2147483648", "0001-01-01", "9999-12-31", "abc", "１２", "1e3", "\u0000", "'\"<>", new string('x', 1500), new string('가', 200),
    ];

    private static readonly Dictionary<string, string> Baseline = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = "2023", ["quarter"] = "3", ["id"] = "1", ["code"] = "J1.1.1",
    };

    [Fact]
    public async Task NoEndpointAnswers500ToAnyValueOfItsParameters()
    {
        _ = factory.Server;
        var endpoints = Walkable(factory.Services.GetRequiredService<EndpointDataSource>()).ToList();
        Assert.Contains(endpoints, e => e.Template == "/audit.xlsx" && e.Query.Contains("from") && e.Query.Contains("to"));
        Assert.Contains(endpoints, e => e.Template == "/reports/{year:int}/q{quarter:int}.pdf");
        Assert.Contains(endpoints, e => e.Template == "/indicators" && e.Query.Contains("year"));
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} endpoints with parameters found");

        var admin = await factory.SharedClientAsync(AppRoles.Admin);
        var planner = await factory.SharedClientAsync(AppRoles.Planner);
        var failures = new List<string>();
        var requests = 0;
        foreach (var endpoint in endpoints)
        {
            // The administrator opens everything but the planners' forms; those are walked as a planner.
            var client = (await admin.GetAsync(new Uri(endpoint.Url(null, null), UriKind.Relative))).StatusCode == HttpStatusCode.Forbidden ? planner : admin;
            foreach (var parameter in endpoint.Route.Concat(endpoint.Query))
            {
                // The test server's client refuses a NUL in the path itself (Kestrel answers 400): route values skip it.
                foreach (var value in Values.Where(v => !endpoint.Route.Contains(parameter) || !v.Contains('\0', StringComparison.Ordinal)))
                {
                    var url = endpoint.Url(parameter, value);
                    requests++;
                    using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                    if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        failures.Add($"{(int)response.StatusCode} {Shorten(url)}");
                }
            }
        }

        Assert.True(requests > 300, $"{requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheAuditWorkbookTakesTheEndsOfTheCalendar()
    {
        var auditor = await factory.SharedClientAsync(AppRoles.Auditor);
        var response = await auditor.GetAsync(new Uri("/audit.xlsx?from=0001-01-01&to=9999-12-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(new Uri("/audit?from=0001-01-01&to=9999-12-31", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task APageAddressWhoseNumberDoesNotParseGetsAKorean400NamingTheParameter()
    {
        var director = await factory.SharedClientAsync(AppRoles.Director);
        var response = await director.GetAsync(new Uri("/reports?year=２０２３&quarter=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("주소의 year 값을 읽을 수 없습니다 (정수가 아닙니다). 주소를 고치거나 메뉴에서 다시 여세요.", await response.Content.ReadAsStringAsync());
        // In range or not, a number that parses is the page's to judge: it shows its own Korean notice.
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync(new Uri("/reports?year=99999&quarter=5", UriKind.Relative))).StatusCode);
    }

    /// <summary>Every download says no-store, including the report's PDF and HTML.</summary>
    [Fact]
    public async Task EveryDownloadEndpointIsMarkedAndAnswersNoStore()
    {
        _ = factory.Server;
        var downloads = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Fifty.Ops.Infrastructure.DownloadMetadata>() is not null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(
        [
            "/audit.xlsx", "/reports/{year:int}/q{quarter:int}.pdf", "/reports/{year:int}/q{quarter:int}.xlsx", "/reports/{year:int}/q{quarter:int}.html",
            "/budget/{year:int}/q{quarter:int}/execution.xlsx", "/import/{year:int}/q{quarter:int}/template.xlsx", "/admin/backups/files/{name}",
            "/setup/{year:int}/structure.xlsx",
        ], downloads);

        // Any other GET endpoint that is not a page, the session ping or a static file would have to be a download.
        var others = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && e.Metadata.GetMetadata<Fifty.Ops.Infrastructure.DownloadMetadata>() is null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => !r.TrimStart('/').StartsWith('_') && !StaticFile().IsMatch(r) && r != "/account/session")
            .ToList();
        Assert.Empty(others);

        var admin = await factory.SharedClientAsync(AppRoles.Admin);
        foreach (var url in new[] { "/reports/2023/q3.pdf", "/reports/2023/q3.html", "/reports/2023/q3.xlsx", "/budget/2023/q3/execution.xlsx", "/import/2023/q3/template.xlsx", "/setup/2023/structure.xlsx", "/audit.xlsx", "/reports/1999/q3.html" })
        {
            var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    private static string Shorten(string url) => url.Length <= 160 ? url : url[..160] + "…";

    private sealed record Walk(string Template, IReadOnlyList<string> Route, IReadOnlyList<string> Query)
    {
        /// <summary>The address with every parameter at its baseline, and <paramref name="parameter"/> (if any) at <paramref name="value"/>.</summary>
        public string Url(string? parameter, string? value)
        {
            string ValueOf(string name) => name == parameter ? value! : Baseline.GetValueOrDefault(name, "1");
            var path = RouteParameter().Replace(Template, m => Uri.EscapeDataString(ValueOf(m.Groups["name"].Value)));
            var query = string.Join("&", Query.Select(q => $"{Uri.EscapeDataString(q)}={Uri.EscapeDataString(q == parameter ? value! : Baseline.GetValueOrDefault(q, "1"))}"));
            return query.Length == 0 ? path : $"{path}?{query}";
        }
    }

    private static IEnumerable<Walk> Walkable(EndpointDataSource source)
    {
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText ?? "";
            if (!template.StartsWith('/')) template = "/" + template;
            if (template.TrimStart('/').StartsWith('_') || StaticFile().IsMatch(template) || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;

            var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var query = new List<string>();
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
            {
                query.AddRange(component.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                    .Where(x => x.a is not null).Select(x => x.a!.Name ?? x.p.Name));
            }
            else if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler)
            {
                query.AddRange(handler.GetParameters()
                    .Where(p => IsSimple(p.ParameterType) && !route.Contains(p.Name!, StringComparer.OrdinalIgnoreCase))
                    .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!));
            }

            if (route.Count + query.Count == 0) continue;
            yield return new Walk(template, route, query.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(DateOnly) || type == typeof(DateTime) || type.IsEnum;
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\.(css|js|woff2?|png|svg|ico|map|json|txt)$|\{\*\*path|^/(css|js|fonts|lib)/", RegexOptions.IgnoreCase)]
    private static partial Regex StaticFile();
}
