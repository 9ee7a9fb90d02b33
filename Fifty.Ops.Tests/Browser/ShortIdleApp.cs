using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The app with a 15-second idle timeout, so a test can type past it and then let a session expire.</summary>
public sealed class ShortIdleApp : AppProcess
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);

    protected override void Configure(IDictionary<string, string?> environment) =>
        environment["Auth__IdleTimeout"] = IdleTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
