using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Benchmarks.Telemetry;

/// <summary>
/// The least a stage can do to record what our telemetry stage records for one non-streaming call, written inline with
/// every value known in advance: a span with the request's five attributes at its start and the response's six after
/// the call, two clock reads, and four metric records (cost, input and output tokens, duration).
/// </summary>
/// <remarks>
/// A floor for the per-call rows, not a usable stage: it reads nothing from the call, handles no failure, and records
/// with or without a listener. Its source and meter are named <see cref="Name"/>.
/// </remarks>
internal sealed class CallRecordingFloorChatClient : DelegatingChatClient
{
    /// <summary>The name of the floor's activity source and meter.</summary>
    public const string Name = "Benchmarks.CallRecordingFloor";

    private static readonly object MaxTokens = 200;
    private static readonly object Temperature = 0.2;
    private static readonly object InputTokens = 120;
    private static readonly object OutputTokens = 2;
    private static readonly object Cost = 0.0000192;

    private readonly ActivitySource _source = new(Name);
    private readonly Meter _meter = new(Name);
    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _tokens;
    private readonly Histogram<double> _cost;
    private readonly KeyValuePair<string, object?>[] _requestTags =
    [
        new("gen_ai.operation.name", "chat"),
        new("gen_ai.request.model", "gpt-4o-mini"),
        new("gen_ai.provider.name", null),
        new("gen_ai.request.max_tokens", MaxTokens),
        new("gen_ai.request.temperature", Temperature),
    ];

    public CallRecordingFloorChatClient(IChatClient innerClient)
        : base(innerClient)
    {
        _duration = _meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s");
        _tokens = _meter.CreateHistogram<int>("gen_ai.client.token.usage", "{token}");
        _cost = _meter.CreateHistogram<double>("llmops.client.cost", "USD");
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var activity = _source.StartActivity(ActivityKind.Client, tags: _requestTags, name: "chat gpt-4o-mini");
        var response = base.GetResponseAsync(messages, options, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (activity is not null)
        {
            activity.AddTag("gen_ai.response.finish_reasons", "[\"stop\"]");
            activity.AddTag("gen_ai.response.id", "benchmark");
            activity.AddTag("gen_ai.response.model", "gpt-4o-mini");
            activity.AddTag("gen_ai.usage.input_tokens", InputTokens);
            activity.AddTag("gen_ai.usage.output_tokens", OutputTokens);
            activity.AddTag("llmops.cost.usd", Cost);
            activity.SetEndTime(activity.StartTimeUtc + elapsed);
            activity.Dispose();
        }

        var tags = new TagList
        {
            { "gen_ai.operation.name", "chat" },
            { "gen_ai.request.model", "gpt-4o-mini" },
            { "gen_ai.provider.name", null },
            { "gen_ai.response.model", "gpt-4o-mini" },
        };
        _cost.Record(0.0000192, tags);
        tags.Add("gen_ai.token.type", "input");
        _tokens.Record(120, tags);
        tags[4] = new("gen_ai.token.type", "output");
        _tokens.Record(2, tags);
        tags.RemoveAt(4);
        _duration.Record(elapsed.TotalSeconds, tags);
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }
}
