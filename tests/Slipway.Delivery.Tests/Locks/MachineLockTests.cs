using System.Diagnostics;
using FluentAssertions;
using Slipway.Delivery.Locks;
using Slipway.Delivery.Tests.Images;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Locks;

/// <summary>The machine lock: busy while any process holds it, named by its holder, freed by the kernel on a
/// crash.</summary>
public sealed class MachineLockTests : IDisposable
{
    private readonly AbsolutePath _directory =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-lock-").FullName);
    private AbsolutePath File => _directory / "outputs.lock";

    [Fact]
    public async Task A_second_taker_fails_at_once_with_no_wait_naming_the_holder_and_takes_it_once_freed()
    {
        var me = LockHolder.Current("DeployApps --env local");
        var held = await MachineLock.AcquireAsync(File, "the outputs", me, new LockWaiter(TimeSpan.Zero), default);

        var busy = async () => await MachineLock.AcquireAsync(File, "the outputs", me with { Pid = 1 },
            new LockWaiter(TimeSpan.Zero), default);

        (await busy.Should().ThrowAsync<LockBusyException>()).Which.Message.Should()
            .Contain($"pid {me.Pid} on {me.Host}").And.Contain("`DeployApps --env local`").And.Contain("--no-wait");
        await held.DisposeAsync();
        await using var second = await MachineLock.AcquireAsync(File, "the outputs", me, new LockWaiter(TimeSpan.Zero),
            default);
    }

    [Fact]
    public async Task A_waiting_taker_gets_the_lock_when_the_holder_releases_it_and_fails_when_its_time_is_up()
    {
        var me = LockHolder.Current("PushImage");
        var held = await MachineLock.AcquireAsync(File, "the outputs", me, new LockWaiter(TimeSpan.Zero), default);

        var timedOut = async () => await MachineLock.AcquireAsync(File, "the outputs", me,
            new LockWaiter(TimeSpan.FromSeconds(1)), default);
        (await timedOut.Should().ThrowAsync<LockBusyException>()).Which.Message.Should().Contain("still held by pid")
            .And.Contain("--lock-wait");

        var waiting = MachineLock.AcquireAsync(File, "the outputs", me, new LockWaiter(TimeSpan.FromSeconds(30)),
            default);
        await Task.Delay(1000);
        waiting.IsCompleted.Should().BeFalse("the lock is still held");
        await held.DisposeAsync();
        await using var obtained = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_process_holding_the_lock_keeps_it_busy_and_its_kill_frees_it_as_a_stale_holder()
    {
        // flock(1) takes the same kernel lock as .NET's FileShare.None: another process, not this one
        using var other = Process.Start(new ProcessStartInfo("flock", ["--exclusive", File, "sleep", "60"]))!;
        var ghost = LockHolder.Current("DeployApps --env dev") with { Pid = other.Id };
        System.IO.File.WriteAllText(File + ".holder", ghost.ToJson());
        await WaitUntilLockedAsync();

        var busy = async () => await MachineLock.AcquireAsync(File, "the outputs", LockHolder.Current("Retag"),
            new LockWaiter(TimeSpan.Zero), default);
        (await busy.Should().ThrowAsync<LockBusyException>()).Which.Message.Should().Contain($"pid {other.Id}");

        other.Kill(entireProcessTree: true);
        await other.WaitForExitAsync();
        ghost.IsGoneFromThisMachine.Should().BeTrue();
        using var log = new CapturedLog();
        await using (await MachineLock.AcquireAsync(File, "the outputs", LockHolder.Current("Retag"),
                         new LockWaiter(TimeSpan.FromSeconds(10)), default)) { }
        log.Text.Should().Contain($"pid {other.Id}").And.Contain("ended without releasing it");
        System.IO.File.Exists(File + ".holder").Should().BeFalse("a released lock names no holder");
    }

    private async Task WaitUntilLockedAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            var probe = Process.Start(new ProcessStartInfo("flock", ["--nonblock", File, "true"]))!;
            await probe.WaitForExitAsync();
            if (probe.ExitCode != 0) return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("flock never took the lock");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
