using System.Runtime.InteropServices;
using Slipway.Delivery.Kubernetes;
using Slipway.LocalStack.Node;

// NODE SIMULATOR for the local stack: plays the kubelet that cannot run here (see SimulatedNode).
//   Slipway.NodeSimulator --kubeconfig FILE [--heartbeat FILE] [--interval-ms 500]
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args.ElementAtOrDefault(x.i + 1));
var kubeconfig = options.GetValueOrDefault("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
    ?? throw new ArgumentException("--kubeconfig FILE is required");
var heartbeat = options.GetValueOrDefault("heartbeat");
var interval = TimeSpan.FromMilliseconds(int.Parse(options.GetValueOrDefault("interval-ms") ?? "500"));

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

void Log(string message) => Console.WriteLine($"{DateTimeOffset.UtcNow:O} {message}");

using var kubernetes = new KubernetesClient(KubeConfig.FromFiles([kubeconfig]));
using var images = new ImageAvailability();
var node = new SimulatedNode(kubernetes, images, Log);
Log($"node simulator started: API {kubernetes.Config.Server}, every {interval.TotalMilliseconds} ms");
string? lastError = null;
while (!stop.IsCancellationRequested)
{
    try
    {
        await node.ReconcileAsync(stop.Token);
        if (heartbeat != null) await File.WriteAllTextAsync(heartbeat, DateTimeOffset.UtcNow.ToString("O"), stop.Token);
        lastError = null;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
    catch (Exception e)
    {
        if (e.Message != lastError) Log($"error: {e.Message}");
        lastError = e.Message;
    }
    try { await Task.Delay(interval, stop.Token); } catch (OperationCanceledException) { break; }
}
Log("node simulator stopped");
