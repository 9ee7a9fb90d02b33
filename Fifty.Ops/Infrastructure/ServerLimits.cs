using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fifty.Ops.Infrastructure;

/// <summary>
/// Kestrel's limits for this app (decision record 0009). A request line (method, path and query) over
/// <see cref="MaxRequestLineBytes"/> gets an immediate 414; a header block that never ends gets a 408 after
/// <see cref="RequestHeadersTimeout"/>. Why: curl drops the cookies of a request whose headers would pass its own
/// 8 KB budget and then sends the header block without its closing blank line, so an ~8 KB address from a signed-in
/// curl session left Kestrel waiting 30 s for the rest. The app's own addresses stay far below 4 KB (the longest is a
/// sign-in redirect carrying a filtered page's address), so such a request is now refused before it can go wrong.
/// </summary>
public static class ServerLimits
{
    public const int MaxRequestLineBytes = 4 * 1024;
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = MaxRequestLineBytes;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
    }

    public static IServiceCollection AddFiftyOpsServerLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => Apply(o.Limits));
}
