using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Sample.Tests.Dockerfiles;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>charts/base/images: the broker and database stand-in images (perl-base only, no package installs).</summary>
public sealed class BaseImagesTests
{
    public static TheoryDataFor Products => new(["broker", "database"]);

    static string Dir(string product) => Repo.PathOf("charts", "base", "images", product);

    [Theory, MemberData(nameof(Products))]
    public void The_image_builds_from_the_debian_base_named_by_BASE_REGISTRY(string product)
    {
        var file = new DockerfileModel(Path.Combine(Dir(product), "Dockerfile"));

        file.Instructions[0].Should().Be(new DockerInstruction("ARG", "BASE_REGISTRY"));
        file.All("FROM").Should().Equal("${BASE_REGISTRY}/slipway-base/debian:bookworm");
        file.All("RUN").Should().NotContain(r => r.Contains("apt"));
        file.All("USER").Single().Should().MatchRegex(@"^[1-9][0-9]*:[0-9]+$");
        file.All("ENTRYPOINT").Should().Equal("[\"/usr/bin/perl\", \"/opt/standin/standin.pl\"]");
        file.Env["STANDIN_NAME"].Should().Be(product);
        var ignore = DockerIgnore.ForContext(Dir(product));
        ignore.IsExcluded("Dockerfile").Should().BeFalse();
        ignore.IsExcluded("standin.pl").Should().BeFalse();
    }

    [Fact]
    public void Both_images_ship_the_same_stand_in()
    {
        File.ReadAllText(Path.Combine(Dir("broker"), "standin.pl")).Should().Be(File.ReadAllText(Path.Combine(Dir("database"), "standin.pl")));
    }

    [Fact]
    public async Task The_stand_in_answers_on_its_port_and_stops_on_SIGTERM()
    {
        using var data = new TempDirectory();
        var port = Tool.FreePort();
        var info = new System.Diagnostics.ProcessStartInfo("perl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Dir("broker"), "standin.pl"));
        info.Environment["PORT"] = port.ToString();
        info.Environment["BIND_ADDRESS"] = "127.0.0.1";
        info.Environment["STANDIN_NAME"] = "broker";
        info.Environment["DATA_DIR"] = data.FullName;
        using var process = System.Diagnostics.Process.Start(info)!;
        try
        {
            (await Exchange(port, "PING\n")).Should().Be("PONG broker\n");
            (await Exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).Should().StartWith("HTTP/1.0 200 OK").And.EndWith("broker ok\n");
            (await Exchange(port, "hello\n")).Should().Be("broker ready\n");
            File.Exists(data.PathOf("started")).Should().BeTrue();

            kill(process.Id, 15).Should().Be(0);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
            process.ExitCode.Should().Be(0);
            (await process.StandardOutput.ReadToEndAsync()).Should().Contain("broker: listening on port").And.Contain("broker: stopped");
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    static async Task<string> Exchange(int port, string request)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                var stream = client.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
                using var reader = new StreamReader(stream, Encoding.ASCII);
                return await reader.ReadToEndAsync();
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);
}
