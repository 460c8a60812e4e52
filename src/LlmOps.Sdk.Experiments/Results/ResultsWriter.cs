using System.Buffers;
using System.Text.Json;

namespace LlmOps.Sdk.Experiments;

/// <summary>Appends results to a results file, one JSON line each, written as soon as the writer has them, so a killed run loses only its in-flight cases.</summary>
/// <remarks>
/// Not thread-safe: the runner's single writer task owns it. <see cref="Append"/> queues a line; <see cref="Flush"/>
/// writes the queued lines in one system call, unbuffered, so each line reaches the OS whole.
/// </remarks>
internal sealed class ResultsWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public ResultsWriter(string path)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _json = new Utf8JsonWriter(_buffer);
    }

    public void Append(ExperimentCaseResult result)
    {
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, result, ExperimentJsonContext.Default.ExperimentCaseResult);
        _json.Flush();
        _buffer.Write("\n"u8);
    }

    public void Flush()
    {
        if (_buffer.WrittenCount > 0)
        {
            _stream.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
