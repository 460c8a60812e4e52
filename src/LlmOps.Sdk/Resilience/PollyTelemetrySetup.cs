using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace LlmOps.Sdk.Resilience;

/// <summary>Keeps message content out of Polly's logs, and Polly's per-attempt lines from repeating ours.</summary>
/// <remarks>
/// <para>
/// Polly's telemetry, which Microsoft.Extensions.Resilience turns on for every pipeline in the registry, logs each
/// execution attempt with its result at Information, the default level of an ASP.NET Core app. For a chat pipeline the
/// result is a <see cref="ChatResponse"/>, whose text is the model's answer: card numbers and all. Chat results are
/// described instead (finish reason only), for every pipeline of the container, so that a pipeline the user registered
/// under our name is covered too; other results go to the formatter that was there before.
/// </para>
/// <para>
/// Our stage logs each retried attempt itself (event 401, with reason and delay), so Polly's <c>ExecutionAttempt</c>,
/// <c>OnRetry</c> and <c>OnTimeout</c> events of our pipelines get severity <c>None</c>: they are no longer logged (see
/// <see cref="PollyLoggerFactory"/>), and Polly's metrics still count them, tagged with that severity. Circuit breaker events, which we do not log, stay as Polly reports them.
/// </para>
/// </remarks>
internal sealed class PollyTelemetrySetup : IConfigureOptions<TelemetryOptions>
{
    public void Configure(TelemetryOptions options)
    {
        var formatter = options.ResultFormatter;
        options.ResultFormatter = (context, result) => Describe(result) ?? formatter(context, result);
        if (options.LoggerFactory is not PollyLoggerFactory)
        {
            options.LoggerFactory = new PollyLoggerFactory(options.LoggerFactory);
        }

        var severity = options.SeverityProvider;
        options.SeverityProvider = args => RepeatsOurLog(args)
            ? ResilienceEventSeverity.None
            : severity?.Invoke(args) ?? args.Event.Severity;
    }

    /// <summary>Returns what may be logged of a chat result, or <see langword="null"/> when it is not one.</summary>
    /// <remarks>Constant strings: the formatter runs for every event, logged or not.</remarks>
    internal static string? Describe(object? result) => result switch
    {
        ChatResponse response => response.FinishReason?.Value switch
        {
            "stop" => "ChatResponse (finish reason stop; content not logged)",
            "length" => "ChatResponse (finish reason length; content not logged)",
            "tool_calls" => "ChatResponse (finish reason tool_calls; content not logged)",
            "content_filter" => "ChatResponse (finish reason content_filter; content not logged)",
            _ => "ChatResponse (content not logged)",
        },
        StartedStream => "Chat stream, first update received (content not logged)",
        ChatResponseUpdate => "ChatResponseUpdate (content not logged)",
        _ => null,
    };

    private static bool RepeatsOurLog(SeverityProviderArguments args) =>
        args.Event.EventName is "ExecutionAttempt" or "OnRetry" or "OnTimeout" &&
        args.Source.PipelineName is { } name &&
        name.StartsWith(ResilienceConstants.PipelineName, StringComparison.Ordinal) &&
        (name.Length == ResilienceConstants.PipelineName.Length || name[ResilienceConstants.PipelineName.Length] == ':');
}
