using System.Formats.Tar;
using System.Text;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>A build context made in memory: a tar stream of the given files.</summary>
internal static class TarContext
{
    public static async Task<MemoryStream> OfAsync(params (string Name, string Content)[] files)
    {
        var context = new MemoryStream();
        await using (var tar = new TarWriter(context, leaveOpen: true))
            foreach (var (name, content) in files)
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                });
        context.Position = 0;
        return context;
    }
}
