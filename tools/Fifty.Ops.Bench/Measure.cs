using System.Diagnostics;

namespace Fifty.Ops.Bench;

/// <summary>Timings of repeated runs, reported as median and 95th percentile.</summary>
public sealed record Timings(IReadOnlyList<double> Milliseconds)
{
    public double Median => Percentile(0.5);

    public double P95 => Percentile(0.95);

    public double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static async Task<Timings> RunAsync(int warmup, int runs, Func<Task> action)
    {
        for (var i = 0; i < warmup; i++) await action();
        var list = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            list.Add(sw.Elapsed.TotalMilliseconds);
        }

        return new Timings(list);
    }
}

/// <summary>Samples the managed heap and the process working set while an action runs, to report peak growth.</summary>
public sealed class MemoryProbe : IDisposable
{
    private readonly long _baselineWorkingSet;
    private readonly long _baselineManaged;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemoryProbe()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        _baselineWorkingSet = _peakWorkingSet = self.WorkingSet64;
        _baselineManaged = _peakManaged = GC.GetTotalMemory(false);
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try { await Task.Delay(5, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    private void Sample()
    {
        using var self = Process.GetCurrentProcess();
        _peakWorkingSet = Math.Max(_peakWorkingSet, self.WorkingSet64);
        _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(false));
    }

    public double PeakWorkingSetGrowthMb => (_peakWorkingSet - _baselineWorkingSet) / 1024d / 1024d;

    public double PeakManagedGrowthMb => (_peakManaged - _baselineManaged) / 1024d / 1024d;

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Sample();
        _stop.Cancel();
        _sampler.Wait();
        _stop.Dispose();
    }
}
