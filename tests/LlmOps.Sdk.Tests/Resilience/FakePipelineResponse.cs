using System.ClientModel.Primitives;

namespace LlmOps.Sdk.Tests.Resilience;

/// <summary>An HTTP error response with chosen headers and body, as a provider SDK's exception carries it.</summary>
internal sealed class FakePipelineResponse(int status, string body = "{}", params (string Name, string Value)[] headers) : PipelineResponse
{
    private readonly BinaryData _content = BinaryData.FromString(body);

    public override int Status => status;

    public override string ReasonPhrase => "Error";

    public override Stream? ContentStream { get; set; }

    public override BinaryData Content => _content;

    protected override PipelineResponseHeaders HeadersCore { get; } = new FakeHeaders(headers);

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => _content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => new(_content);

    public override void Dispose()
    {
    }

    private sealed class FakeHeaders((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            value = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
            return value is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            var found = TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}
