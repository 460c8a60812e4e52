using System.Globalization;
using System.Text.Json;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Appends every evaluation result to a JSON Lines file: one JSON object per line.</summary>
/// <remarks>
/// Thread-safe; writes are serialized and flushed line by line, so a crash loses at most the line being written.
/// Each line holds the evaluator, mode, source (<c>human</c> for feedback), timestamp, duration, response id, model, prompt, trace and the scores; never the
/// messages or the response text.
/// </remarks>
public sealed class JsonlFileEvaluationSink : IEvaluationSink, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _stream;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="JsonlFileEvaluationSink"/> class.</summary>
    /// <param name="path">The file to append to; created, with its directory, when missing.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public JsonlFileEvaluationSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Gets the full path of the file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public async ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Serialize(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var stream = _stream ??= Open();
            await stream.WriteAsync(line, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _stream?.Dispose();
            _stream = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static byte[] Serialize(EvaluationRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", record.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("evaluator", record.EvaluatorName);
            writer.WriteString("mode", record.Mode == EvaluationMode.Inline ? "inline" : "background");
            writer.WriteNumber("duration_ms", record.Duration.TotalMilliseconds);
            WriteIfSet(writer, "source", record.Source);
            WriteIfSet(writer, "user_id", record.UserId);
            WriteIfSet(writer, "response_id", record.ResponseId);
            WriteIfSet(writer, "model", record.ModelId);
            WriteIfSet(writer, "prompt_name", record.PromptName);
            if (record.PromptVersion is { } version)
            {
                writer.WriteNumber("prompt_version", version);
            }

            WriteIfSet(writer, "trace_id", record.TraceId);
            WriteIfSet(writer, "span_id", record.SpanId);
            writer.WriteStartArray("scores");
            foreach (var score in record.Scores)
            {
                writer.WriteStartObject();
                writer.WriteString("name", score.Name);
                if (score.Value is { } value && double.IsFinite(value))
                {
                    writer.WriteNumber("value", value);
                }

                if (score.Passed is { } passed)
                {
                    writer.WriteBoolean("passed", passed);
                }

                WriteIfSet(writer, "label", score.Label);
                WriteIfSet(writer, "explanation", score.Explanation);
                WriteIfSet(writer, "error_type", score.ErrorType);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
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
