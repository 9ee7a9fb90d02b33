using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// Debian's nginx run as the current user with a prefix, configuration, pid file, logs and temp folders of its own in a
/// temp folder, listening on 127.0.0.1 and free ports, in front of two app instances. Its configuration is the deployment
/// template <c>deploy/nginx/fifty-ops.conf</c> (the one the README links) with the substitutions of
/// <see cref="TestedConfig"/>, each of which must match exactly once, so an edit of the template a test cannot follow
/// fails the test. Around it, an <c>http { }</c> block adds only files, an access log naming the upstream that served
/// each request (<see cref="UpstreamOf"/>, <see cref="RequestsPerUpstream"/>) and the caller's own directives.
/// <para>
/// Shared by <c>TwoInstancesBehindNginxTests</c> and the load test (<c>tools/Fifty.Ops.Bench</c> links this file), so the
/// benchmark measures the configuration that is tested and documented.
/// </para>
/// </summary>
/// <param name="httpDirectives">
/// Extra directives for the surrounding <c>http { }</c> block, outside the template (the load test's realip settings, so
/// that browsers on one machine arrive as users of different networks); null for none.
/// </param>
/// <param name="workerConnections">nginx's <c>worker_connections</c> (each proxied WebSocket holds two).</param>
public sealed partial class NginxProxy(string? httpDirectives = null, int workerConnections = 512) : IAsyncDisposable
{
    /// <summary>The template's path inside the repository.</summary>
    public const string TemplatePath = "deploy/nginx/fifty-ops.conf";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"fifty-ops-nginx-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>The port of the template's TLS server, here plain HTTP.</summary>
    public int Port { get; private set; }

    /// <summary>The port of the template's port-80 server (the redirect to HTTPS).</summary>
    public int RedirectPort { get; private set; }

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

    /// <summary>The deployment template <c>deploy/nginx/fifty-ops.conf</c>, verbatim.</summary>
    public static string Template() => File.ReadAllText(Path.Combine(RepositoryRoot(), TemplatePath));

    /// <summary>
    /// The template as a test on 127.0.0.1 runs it: <c>listen 443 ssl;</c> and <c>listen 80;</c> become plain listens on
    /// <paramref name="listenPort"/> and <paramref name="redirectPort"/>, the two <c>ssl_certificate</c> lines go (a test
    /// has no certificate, and nginx loads one even for a plain listen), and the upstream servers
    /// <c>127.0.0.1:5001</c> and <c>127.0.0.1:5002</c> become <paramref name="firstPort"/> and <paramref name="secondPort"/>.
    /// Throws when one of them does not occur exactly once.
    /// </summary>
    public static string TestedConfig(int listenPort, int redirectPort, int firstPort, int secondPort)
    {
        var config = Template();
        config = ReplaceOnce(config, "listen 443 ssl;", $"listen 127.0.0.1:{listenPort};");
        config = ReplaceOnce(config, "listen 80;", $"listen 127.0.0.1:{redirectPort};");
        config = RemoveOnce(config, CertificateLine(), "ssl_certificate");
        config = RemoveOnce(config, CertificateKeyLine(), "ssl_certificate_key");
        config = ReplaceOnce(config, "server 127.0.0.1:5001;", $"server 127.0.0.1:{firstPort};");
        return ReplaceOnce(config, "server 127.0.0.1:5002;", $"server 127.0.0.1:{secondPort};");
    }

    public async Task StartAsync(int firstPort, int secondPort)
    {
        Port = FreePort();
        RedirectPort = FreePort();
        Directory.CreateDirectory(_dir);
        // Run as root, nginx's workers become `nobody`: they must reach the temp folders nginx creates (and chowns) here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var config = $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log info;
            events { worker_connections {{workerConnections}}; }
            http {
                log_format upstream '$request_method $request_uri $status $upstream_addr';
                access_log {{AccessLog}} upstream;
                client_body_temp_path {{_dir}}/body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                {{httpDirectives}}

            {{TestedConfig(Port, RedirectPort, firstPort, secondPort)}}
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
    public string? UpstreamOf(string method, string pathPrefix) =>
        LogLines().Select(line => line.Split(' '))
            .LastOrDefault(parts => parts.Length >= 4 && parts[0] == method && parts[1].StartsWith(pathPrefix, StringComparison.Ordinal))?[^1];

    /// <summary>Requests served so far by each upstream address (<c>-</c> for those nginx answered itself), from the access log.</summary>
    public Dictionary<string, int> RequestsPerUpstream() =>
        LogLines().Select(line => line.Split(' ')[^1]).CountBy(upstream => upstream).ToDictionary();

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
        _process = null;
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
    }

    private List<string> LogLines()
    {
        if (!File.Exists(AccessLog)) return [];
        // nginx keeps writing: read what is there without locking it out.
        using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReplaceOnce(string text, string what, string with)
    {
        var count = Regex.Count(text, Regex.Escape(what));
        if (count != 1) throw new InvalidOperationException($"{TemplatePath}에 '{what}'가 {count}번 있습니다 (1번이어야 시험할 수 있습니다).");
        return text.Replace(what, with, StringComparison.Ordinal);
    }

    private static string RemoveOnce(string text, Regex line, string directive)
    {
        var count = line.Count(text);
        if (count != 1) throw new InvalidOperationException($"{TemplatePath}에 {directive} 줄이 {count}개 있습니다 (1개여야 시험할 수 있습니다).");
        return line.Replace(text, "");
    }

    [GeneratedRegex(@"^[ \t]*ssl_certificate[ \t].*\n", RegexOptions.Multiline)]
    private static partial Regex CertificateLine();

    [GeneratedRegex(@"^[ \t]*ssl_certificate_key[ \t].*\n", RegexOptions.Multiline)]
    private static partial Regex CertificateKeyLine();
}
