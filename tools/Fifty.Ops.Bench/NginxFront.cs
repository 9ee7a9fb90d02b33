using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Bench;

/// <summary>
/// nginx in front of the load test's instances, with the README's multi-instance configuration (the same three
/// substitutions as <c>Fifty.Ops.Tests/MultiInstance/NginxProxy.cs</c>: a plain <c>listen</c> on 127.0.0.1 and a free port
/// instead of TLS, and the two instances' ports). All browsers of the test run on this machine, so <c>ip_hash</c> would
/// send every one of them to one instance; the surrounding <c>http { }</c> block therefore lets nginx take each user's
/// address from <see cref="ClientHeader"/> (the realip module, trusted from 127.0.0.1 only), as users coming from
/// different networks would arrive. Its access log counts the requests each instance served.
/// </summary>
public sealed partial class NginxFront(string work, IReadOnlyList<int> ports)
{
    public const string ClientHeader = "X-Bench-Client";

    private readonly string _dir = Path.Combine(work, "nginx");
    private Process? _process;

    public async Task<string> StartAsync()
    {
        if (ports.Count != 2) throw new ArgumentException("The README's configuration names two instances.");
        Directory.CreateDirectory(_dir);
        if (!OperatingSystem.IsWindows())
        {
            // Run as root, nginx's workers become `nobody` and must reach the temp folders nginx creates here.
            foreach (var dir in new[] { work, _dir })
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                    | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        var port = FreePort();
        var block = ReadmeBlock();
        block = ReplaceOnce(block, "listen 443 ssl;", $"listen 127.0.0.1:{port};");
        block = ReplaceOnce(block, "server 127.0.0.1:5001;", $"server 127.0.0.1:{ports[0]};");
        block = ReplaceOnce(block, "server 127.0.0.1:5002;", $"server 127.0.0.1:{ports[1]};");
        var config = $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log warn;
            events { worker_connections 2048; }
            http {
                log_format upstream '$request_method $request_uri $status $upstream_addr';
                access_log {{_dir}}/access.log upstream;
                client_body_temp_path {{_dir}}/body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                set_real_ip_from 127.0.0.1;
                real_ip_header {{ClientHeader}};

            {{block}}
            }
            """;
        var conf = Path.Combine(_dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, config);
        var binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        _process = Process.Start(new ProcessStartInfo(binary, ["-p", _dir + "/", "-e", Path.Combine(_dir, "error.log"), "-c", conf]))!;
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"nginx exited: {File.ReadAllText(Path.Combine(_dir, "error.log"))}");
            try
            {
                if ((await http.GetAsync(new Uri(url + "/account/login"))).StatusCode == HttpStatusCode.OK) return url;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("nginx did not answer");
    }

    /// <summary>Requests served so far by each upstream address, from the access log.</summary>
    public Dictionary<string, int> RequestsPerUpstream()
    {
        var log = Path.Combine(_dir, "access.log");
        if (!File.Exists(log)) return [];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var counts = new Dictionary<string, int>();
        while (reader.ReadLine() is { } line)
        {
            var upstream = line.Split(' ')[^1];
            counts[upstream] = counts.GetValueOrDefault(upstream) + 1;
        }

        return counts;
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
    }

    private static string ReadmeBlock()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var readme = Path.Combine(dir.FullName, "README.md");
            if (!File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) continue;
            return NginxFence().Matches(File.ReadAllText(readme)).Select(m => m.Groups[1].Value).Single(b => b.Contains("upstream fifty_ops", StringComparison.Ordinal));
        }

        throw new DirectoryNotFoundException("Fifty.Ops.sln not found above the benchmark's folder.");
    }

    private static string ReplaceOnce(string text, string what, string with) =>
        Regex.Count(text, Regex.Escape(what)) == 1 ? text.Replace(what, with, StringComparison.Ordinal) : throw new InvalidOperationException($"README's nginx block: '{what}' must occur once");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxFence();
}
