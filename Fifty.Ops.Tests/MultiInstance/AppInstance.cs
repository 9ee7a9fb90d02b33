using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fifty.Ops.Tests.Browser;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// One instance of the app as its own process (the build output <see cref="AppProcess"/> starts too) on 127.0.0.1 and
/// a free port, on the PostgreSQL database <paramref name="connectionString"/>, in a working folder of its own.
/// Started once the "Application started" line is printed and the sign-in page answers; stopped by killing the process.
/// </summary>
public sealed class AppInstance(string name, string connectionString, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"fifty-ops-{name}-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public string Name => name;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        Port = FreePort();
        Directory.CreateDirectory(_dir);
        var start = new ProcessStartInfo(AppProcess.AppExecutable(), ["--urls", BaseUrl])
        {
            WorkingDirectory = _dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data, started);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data, started);
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"{name}이(가) 시작하지 못했습니다:\n{RecentOutput()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{name}이(가) {StartTimeout.TotalSeconds:0}초 안에 시작하지 않았습니다:\n{RecentOutput()}");
        }

        using var http = new HttpClient { Timeout = StartTimeout };
        using var response = await http.GetAsync(new Uri(BaseUrl + "/account/login"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: /account/login → {(int)response.StatusCode}\n{RecentOutput()}");
    }

    /// <summary>Ends the process at once, as a lost machine would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public string RecentOutput() => string.Join('\n', _output);

    /// <summary>Kills the process if it runs and deletes its working folder.</summary>
    public async Task StopAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void OnOutput(string? line, TaskCompletionSource started)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
        if (line.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
