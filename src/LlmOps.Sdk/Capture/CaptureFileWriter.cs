using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Capture;

/// <summary>Appends captured calls to the dataset file, one line each, flushed batch by batch.</summary>
/// <remarks>Called by the capture queue's single writer only; the file is opened on the first batch, shared for reading.</remarks>
internal sealed class CaptureFileWriter : ICaptureWriter
{
    private readonly IRedactor? _redactor;
    private readonly MemoryStream _batch = new();
    private FileStream? _stream;

    public CaptureFileWriter(string path, IRedactor? redactor)
    {
        Path = System.IO.Path.GetFullPath(path);
        _redactor = redactor;
    }

    public string Path { get; }

    public string Target => $"'{Path}'";

    public async ValueTask WriteAsync(IReadOnlyList<CapturedCall> calls, CancellationToken cancellationToken)
    {
        // One write of whole lines: a failure leaves no half-written batch behind a line that did land.
        _batch.SetLength(0);
        foreach (var call in calls)
        {
            _batch.Write(CaptureLine.Serialize(call, _redactor));
        }

        var stream = _stream ??= Open();
        await stream.WriteAsync(_batch.GetBuffer().AsMemory(0, (int)_batch.Length), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        _batch.Dispose();
    }

    private FileStream Open()
    {
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 4096, useAsync: true);
    }
}
