using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

internal sealed partial class EvaluationPipeline
{
    private ChatEvaluationContext CreateContext(
        CallStart start, long now, IReadOnlyList<ChatMessage> messages, ChatOptions? options, ChatResponse response, bool streaming)
    {
        var properties = options?.AdditionalProperties;
        var rendered = options.GetRenderedPrompt(); // set by the prompt stage when the call named a prompt
        return new ChatEvaluationContext(messages, response)
        {
            Options = options,
            PromptName = rendered?.Name ?? Get(properties, EvaluationPropertyKeys.PromptName) as string,
            PromptVersion = rendered?.Version ?? ToVersion(Get(properties, EvaluationPropertyKeys.PromptVersion)),
            ReferenceAnswers = ToAnswers(Get(properties, EvaluationPropertyKeys.ReferenceAnswers)),
            Metadata = Get(properties, EvaluationPropertyKeys.Metadata) as IReadOnlyDictionary<string, object?>
                       ?? ChatEvaluationContext.EmptyMetadata,
            Latency = _timeProvider.GetElapsedTime(start.Timestamp, now),
            EstimatedCostUsd = EstimateCost(response, options),
            Streaming = streaming,
        };
    }

    private double? EstimateCost(ChatResponse response, ChatOptions? options)
    {
        if (_costEstimator is null)
        {
            return null;
        }

        try
        {
            return _costEstimator(response, options);
        }
#pragma warning disable CA1031 // an unknown cost is better than a failed call
        catch (Exception exception)
#pragma warning restore CA1031
        {
            EvaluationLog.EvaluatorFailed(_logger, "cost estimator", exception.GetType().FullName ?? "unknown", exception);
            return null;
        }
    }

    private static object? Get(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value : null;

    private static int? ToVersion(object? value) => value switch
    {
        int version => version,
        long version when version is >= int.MinValue and <= int.MaxValue => (int)version,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) => version,
        _ => null,
    };

    private static IReadOnlyList<string> ToAnswers(object? value) => value switch
    {
        string answer => [answer],
        IReadOnlyList<string> answers => answers,
        IEnumerable<string> answers => [.. answers],
        _ => [],
    };
}
