using System.Net;
using System.Text.RegularExpressions;
using Fifty.Ops.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// The deployment template <c>deploy/nginx/fifty-ops.conf</c> and the app agree, without starting nginx (so every pass
/// checks it, not only the PostgreSQL pass that runs <see cref="TwoInstancesBehindNginxTests"/>).
/// </summary>
public sealed partial class NginxTemplateTests
{
    [Fact]
    public void TheAppReadsTheForwardedHeadersTheTemplateSendsAndOnlyFromWhereNginxConnects()
    {
        var template = NginxProxy.Template();
        var options = new ServiceCollection()
            .AddFiftyOpsForwardedHeaders(new ConfigurationBuilder().Build())
            .BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        var sent = ProxySetHeader().Matches(template).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        // nginx appends the address it saw; the app takes that one hop, so a client cannot choose its recorded address.
        Assert.Equal("$proxy_add_x_forwarded_for", sent[options.ForwardedForHeaderName]);
        Assert.Equal(1, options.ForwardLimit);
        Assert.Equal("$scheme", sent[options.ForwardedProtoHeaderName]);

        // nginx reaches the template's instances on 127.0.0.1, so they see it connect from there: the one address (with
        // ::1) the app trusts by default, and no network of addresses beside it.
        var upstreams = UpstreamServer().Matches(template).Select(m => IPAddress.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(2, upstreams.Count);
        Assert.All(upstreams, address => Assert.Equal(IPAddress.Loopback, address));
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Fact]
    public void TheTemplateKeepsEveryLineATestOn127001Changes()
    {
        var config = NginxProxy.TestedConfig(listenPort: 18080, redirectPort: 18081, firstPort: 15001, secondPort: 15002);

        Assert.Contains("listen 127.0.0.1:18080;", config, StringComparison.Ordinal);
        Assert.Contains("listen 127.0.0.1:18081;", config, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:15001;", config, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:15002;", config, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*ssl_certificate", config);
        // What makes it the documented deployment stays: sticky sessions and the WebSocket upgrade for Blazor Server.
        Assert.Matches(@"(?m)^\s*ip_hash;", config);
        Assert.Matches(@"(?m)^\s*proxy_set_header Upgrade \$http_upgrade;", config);
        Assert.Matches(@"(?m)^\s*proxy_set_header Connection \$connection_upgrade;", config);
    }

    [GeneratedRegex(@"(?m)^\s*proxy_set_header\s+(\S+)\s+(\S+);")]
    private static partial Regex ProxySetHeader();

    [GeneratedRegex(@"(?m)^\s*server\s+([0-9.]+):\d+;")]
    private static partial Regex UpstreamServer();
}
