using System.IO.Compression;
using System.Text;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>The zips of the Studio's bulk export and import: named UTF-8 documents in order.</summary>
internal static class ZipFiles
{
    /// <summary>A zip of the documents, in the given order.</summary>
    public static byte[] Create(IEnumerable<(string Name, string Content)> documents)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in documents)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Whether the bytes are a zip (they start with its signature).</summary>
    public static bool IsZip(byte[] bytes) => bytes.Length > 1 && bytes[0] == 'P' && bytes[1] == 'K';

    /// <summary>The <c>.json</c> entries of a zip (at most 10 000, each at most 16 MB).</summary>
    public static List<(string Name, byte[] Content)> JsonEntries(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var result = new List<(string, byte[])>();
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && e.Length <= 16 * 1024 * 1024).Take(10_000))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            result.Add((entry.FullName, copy.ToArray()));
        }

        return result;
    }
}
