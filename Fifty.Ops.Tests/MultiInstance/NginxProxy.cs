using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// Debian's nginx run as the current user with a prefix, configuration, pid file, logs and temp folders of its own in a
/// temp folder, listening on 127.0.0.1 and a free port, in front of the app instances given. Its configuration is the
/// README's (section "PostgreSQL and several instances", the <c>nginx</c> block with <c>upstream fifty_ops</c>) with
/// three substitutions, each of which must match exactly once: the TLS <c>listen 443 ssl;</c> becomes
/// <c>listen 127.0.0.1:port;</c> (a test has no certificate) and the README's two upstream servers (<c>127.0.0.1:5001</c>,
/// <c>127.0.0.1:5002</c>) become the instances' ports. Around it, an <c>http { }</c> block adds only files and an access
/// log naming the upstream that served each request (<see cref="UpstreamOf"/>).
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"fifty-ops-nginx-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string AccessLog => Path.Combine(_dir, "access.log");

    /// <summary>The nginx binary: <c>FIFTYOPS_NGINX</c>, else Debian's <c>/usr/sbin/nginx</c> (not on a user's PATH), else PATH.</summary>
    public static string Binary()
    {
        if (Environment.GetEnvironmentVariable("FIFTYOPS_NGINX") is { Length: > 0 } configured) return configured;
        if (File.Exists("/usr/sbin/nginx")) return "/usr/sbin/nginx";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "nginx"))) return Path.Combine(dir, "nginx");
        }

        throw new InvalidOperationException("nginx가 없습니다 (/usr/sbin/nginx). ./test.sh가 PostgreSQL 단계에 앞서 nginx-light를 설치합니다.");
    }

    /// <summary>The README's multi-instance nginx block, verbatim.</summary>
    public static string ReadmeBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var blocks = NginxFence().Matches(readme).Select(m => m.Groups[1].Value).Where(b => b.Contains("upstream fifty_ops", StringComparison.Ordinal)).ToList();
        return blocks.Count == 1 ? blocks[0] : throw new InvalidOperationException($"README.md에 upstream fifty_ops가 든 nginx 블록이 {blocks.Count}개 있습니다 (1개여야 합니다).");
    }

    /// <summary>The README's block with the listen address and the upstream ports of this test.</summary>
    public static string TestedBlock(int listenPort, int firstPort, int secondPort)
    {
        var block = ReadmeBlock();
        block = ReplaceOnce(block, "listen 443 ssl;", $"listen 127.0.0.1:{listenPort};");
        block = ReplaceOnce(block, "server 127.0.0.1:5001;", $"server 127.0.0.1:{firstPort};");
        return ReplaceOnce(block, "server 127.0.0.1:5002;", $"server 127.0.0.1:{secondPort};");
    }

    public async Task StartAsync(int firstPort, int secondPort)
    {
        Port = AppInstance.FreePort();
        Directory.CreateDirectory(_dir);
        // Run as root, nginx's workers become `nobody`: they must reach the temp folders nginx creates (and chowns) here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var config = $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log info;
            events { worker_connections 512; }
            http {
                log_format upstream '$request_method $request_uri $status $upstream_addr';
                access_log {{AccessLog}} upstream;
                client_body_temp_path {{_dir}}/body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;

            {{TestedBlock(Port, firstPort, secondPort)}}
            }
            """;
        var conf = Path.Combine(_dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, config);
        var start = new ProcessStartInfo(Binary(), ["-p", _dir + "/", "-e", Path.Combine(_dir, "error.log"), "-c", conf])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Serving once a request through it reaches an instance; a start that fails says why in its log.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"nginx가 끝났습니다 (exit {_process.ExitCode}):\n{Log()}\n{config}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/account/login"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nginx가 {StartTimeout.TotalSeconds:0}초 안에 응답하지 않았습니다:\n{Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The upstream address (<c>127.0.0.1:port</c>) that answered the last logged request matching <paramref name="method"/> and <paramref name="pathPrefix"/>; null if none.</summary>
    public string? UpstreamOf(string method, string pathPrefix)
    {
        if (!File.Exists(AccessLog)) return null;
        using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string? last = null;
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length >= 4 && parts[0] == method && parts[1].StartsWith(pathPrefix, StringComparison.Ordinal)) last = parts[^1];
        }

        return last;
    }

    public string Log() =>
        string.Join('\n', _output) + (File.Exists(Path.Combine(_dir, "error.log")) ? "\n" + File.ReadAllText(Path.Combine(_dir, "error.log")) : "");

    /// <summary>Kills nginx (master and worker) and deletes its folder.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
    }

    private static string ReplaceOnce(string text, string what, string with)
    {
        var count = Regex.Count(text, Regex.Escape(what));
        if (count != 1) throw new InvalidOperationException($"README의 nginx 블록에 '{what}'가 {count}번 있습니다 (1번이어야 시험할 수 있습니다).");
        return text.Replace(what, with, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxFence();
}
