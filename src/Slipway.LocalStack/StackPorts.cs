namespace Slipway.LocalStack;

/// <summary>The loopback ports of the stack's servers: a block of consecutive ports from a base (default 15700).</summary>
public sealed record StackPorts(int Base)
{
    public const int DefaultBase = 15700;
    public int Registry => Base;
    public int ClientRegistry => Base + 1;
    public int EtcdClient => Base + 2;
    public int EtcdPeer => Base + 3;
    public int ApiServer => Base + 4;
    public int ControllerManager => Base + 5;
    public int Scheduler => Base + 6;
    public int Kubelet => Base + 7;
    public int KubeletHealthz => Base + 8;
    public int KubeProxyHealthz => Base + 9;
    public int KubeProxyMetrics => Base + 10;
}
