using LlmOps.Sdk.Telemetry.Redaction;

namespace LlmOps.Sdk.Capture;

/// <summary>Appends captured calls to the dataset file, one line each, flushed line by line.</summary>
/// <remarks>Called by the capture queue's single writer only; the file is opened on the first line, shared for reading.</remarks>
internal sealed class CaptureFileWriter : IDisposable
{
    private readonly IRedactor? _redactor;
    private FileStream? _stream;

    public CaptureFileWriter(string path, IRedactor? redactor)
    {
        Path = System.IO.Path.GetFullPath(path);
        _redactor = redactor;
    }

    public string Path { get; }

    public async ValueTask WriteAsync(CapturedCall call, CancellationToken cancellationToken)
    {
        var line = CaptureLine.Serialize(call, _redactor);
        var stream = _stream ??= Open();
        await stream.WriteAsync(line, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
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
