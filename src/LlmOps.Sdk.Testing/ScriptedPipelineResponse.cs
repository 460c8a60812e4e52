using System.ClientModel.Primitives;
using System.Globalization;

namespace LlmOps.Sdk.Testing;

/// <summary>A minimal HTTP error response, so that faults carry a status and headers as provider SDKs' do.</summary>
internal sealed class ScriptedPipelineResponse : PipelineResponse
{
    private readonly ScriptedResponseHeaders _headers;
    private readonly BinaryData _content;

    public ScriptedPipelineResponse(int status, TimeSpan? retryAfter)
    {
        Status = status;
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (retryAfter is { } delay)
        {
            headers.Add(new("Retry-After", ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
            headers.Add(new("retry-after-ms", ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
        }

        _headers = new ScriptedResponseHeaders(headers);
        _content = BinaryData.FromString(
            $$$"""{"error":{"message":"Scripted fault: HTTP {{{status}}}.","type":"scripted_fault","code":"{{{status}}}"}}""");
    }

    public override int Status { get; }

    public override string ReasonPhrase => Status switch
    {
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };

    public override Stream? ContentStream { get; set; }

    public override BinaryData Content => _content;

    protected override PipelineResponseHeaders HeadersCore => _headers;

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => _content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => new(_content);

    public override void Dispose()
    {
        // Nothing to release: the content is an in-memory buffer.
    }

    private sealed class ScriptedResponseHeaders(List<KeyValuePair<string, string>> headers) : PipelineResponseHeaders
    {
        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() => headers.GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = header.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            var found = TryGetValue(name, out var value);
            values = found ? [value!] : null; // value is set whenever found is true
            return found;
        }
    }
}
