using System.IO.Compression;
using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Import;

/// <summary>
/// What an upload must be before anything parses it: an .xlsx by name and by content (a zip holding a workbook), at
/// most <see cref="MaxBytes"/>, with a bounded number of zip entries and a bounded total once decompressed — counted
/// while actually inflating, since a zip's declared sizes can lie. Each refusal says why in Korean.
/// </summary>
public static class UploadGuard
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxEntries = 500;
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Null when the upload may be parsed; otherwise the reason it is refused.</summary>
    public static string? Check(string fileName, ReadOnlySpan<byte> content)
    {
        if (!string.Equals(Path.GetExtension(fileName), ".xlsx", StringComparison.OrdinalIgnoreCase))
            return $"엑셀 통합 문서(.xlsx)만 올릴 수 있습니다 (올린 파일: {fileName}).";
        if (content.Length > MaxBytes)
            return $"파일이 너무 큽니다: {Fmt.Number(content.Length / 1024m / 1024m)}MB (최대 {MaxBytes / 1024 / 1024}MB).";
        if (content.Length < ZipSignature.Length || !content[..ZipSignature.Length].SequenceEqual(ZipSignature))
            return "파일 내용이 엑셀 통합 문서(.xlsx)가 아닙니다. 이름만 .xlsx로 바꾼 파일은 받을 수 없습니다.";
        return null;
    }

    /// <summary>Opens the zip and bounds its entries and inflated size; null when it is a plausible workbook package.</summary>
    public static string? CheckPackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
                return $"압축 항목이 너무 많습니다 ({zip.Entries.Count:#,##0}개, 최대 {MaxEntries}개). 양식 파일이 아닌 것 같습니다.";
            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > MaxUncompressedBytes)
                return $"압축을 풀면 너무 큽니다 ({declared / 1024 / 1024:#,##0}MB, 최대 {MaxUncompressedBytes / 1024 / 1024}MB). 받을 수 없습니다.";
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
                return "엑셀 통합 문서(.xlsx)가 아닙니다 (통합 문서 부분이 없습니다).";

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUncompressedBytes)
                        return $"압축을 풀면 {MaxUncompressedBytes / 1024 / 1024}MB를 넘습니다 (압축 폭탄으로 보입니다). 받을 수 없습니다.";
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return "파일이 손상되었거나 엑셀 통합 문서(.xlsx)가 아닙니다.";
        }
    }
}
