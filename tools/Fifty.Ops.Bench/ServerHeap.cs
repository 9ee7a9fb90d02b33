using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Fifty.Ops.Bench;

/// <summary>
/// The live managed heap of another .NET process, read over its diagnostics port: enabling the runtime provider with
/// the GCHeapCollect keyword makes the process run a full blocking GC (as dotnet-gcdump does, without the heap walk),
/// and the GCHeapStats event that follows gives what survived it. The app needs no endpoint of its own for this, and
/// the figure is live objects only, not garbage a lazy GC left or memory the allocator kept.
/// </summary>
public static class ServerHeap
{
    public sealed record Reading(double LiveMb);

    public static Reading Measure(int processId, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        Reading? reading = null;
        var induced = false;
        source.Clr.GCStart += e => induced |= e.Reason == GCReason.Induced && e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            // Stats of a GC the session did not cause (a gen-0 of the app's own) say nothing about what is live.
            if (!induced || reading is not null) return;
            var live = e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4;
            reading = new Reading(live / 1024d / 1024d);
            session.Stop();
        };
        using var stop = new Timer(_ => session.Stop(), null, timeout, Timeout.InfiniteTimeSpan);
        source.Process();
        return reading ?? throw new TimeoutException("the app did not report a full GC over its diagnostics port");
    }
}
