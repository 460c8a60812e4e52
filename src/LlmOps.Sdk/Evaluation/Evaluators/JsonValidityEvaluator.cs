using System.Globalization;
using System.Text.Json;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response is well-formed JSON (RFC 8259).</summary>
public sealed class JsonValidityEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>json_valid</c>.</summary>
    public const string DefaultName = "json_valid";

    /// <summary>Initializes a new instance of the <see cref="JsonValidityEvaluator"/> class.</summary>
    /// <param name="allowMarkdownFence">Whether JSON wrapped in a Markdown code fence (<c>```json … ```</c>) counts; by default it does not.</param>
    public JsonValidityEvaluator(bool allowMarkdownFence = false)
    {
        AllowMarkdownFence = allowMarkdownFence;
    }

    /// <summary>Gets whether JSON wrapped in a Markdown code fence counts.</summary>
    public bool AllowMarkdownFence { get; }

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = JsonText.Extract(context.ResponseText, AllowMarkdownFence);
        try
        {
            using var document = JsonDocument.Parse(json);
            return new([new EvaluationScore(Name, 1.0, passed: true, "The response is valid JSON.")]);
        }
        catch (JsonException exception)
        {
            return new([new EvaluationScore(Name, 0.0, passed: false, string.Create(CultureInfo.InvariantCulture,
                $"The response is not valid JSON: error at line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}."))]);
        }
    }
}
