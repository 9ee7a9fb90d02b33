using Fifty.Ops.Infrastructure.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;

namespace Fifty.Ops.Tests.Web;

/// <summary>The real app with <c>Seed:Demo=true</c>: the generated monthly usage is loaded and marked.</summary>
public sealed class DemoAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Demo", "true");
    }
}
