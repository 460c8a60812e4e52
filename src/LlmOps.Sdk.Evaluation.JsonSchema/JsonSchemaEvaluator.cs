using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response is JSON that conforms to a JSON Schema (draft 6 to 2020-12, through JsonSchema.Net).</summary>
/// <remarks>
/// The schema is parsed once, in the constructor. The explanation lists up to three violations by keyword and JSON
/// Pointer, never the offending values (they are user data).
/// </remarks>
public sealed class JsonSchemaEvaluator : IResponseEvaluator
{
    /// <summary>The default name of this evaluator and its score: <c>json_schema</c>.</summary>
    public const string DefaultName = "json_schema";

    private const int MaxReportedErrors = 3;
    private readonly JsonSchema _schema;
    private readonly Json.Schema.EvaluationOptions _evaluationOptions = new() { OutputFormat = OutputFormat.List };

    /// <summary>Initializes a new instance of the <see cref="JsonSchemaEvaluator"/> class.</summary>
    /// <param name="schema">The JSON Schema, as JSON text.</param>
    /// <param name="name">The name of the evaluator and its score; <c>json_schema</c> by default.</param>
    /// <param name="allowMarkdownFence">Whether JSON wrapped in a Markdown code fence counts; by default it does not.</param>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a valid JSON Schema; the message says where.</exception>
    public JsonSchemaEvaluator(string schema, string name = DefaultName, bool allowMarkdownFence = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        try
        {
            // A registry of its own: two evaluators with schemas of the same $id must not collide in a global one.
            _schema = JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception exception) when (exception is JsonException or JsonSchemaException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"The schema given to JsonSchemaEvaluator '{name}' is not a valid JSON Schema: {exception.Message} Fix the schema text.",
                nameof(schema), exception);
        }

        Name = name;
        AllowMarkdownFence = allowMarkdownFence;
    }

    /// <summary>Gets whether JSON wrapped in a Markdown code fence counts.</summary>
    public bool AllowMarkdownFence { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(JsonText.Extract(context.ResponseText, AllowMarkdownFence));
        }
        catch (JsonException)
        {
            return new([new EvaluationScore(Name, 0.0, passed: false, "The response is not valid JSON, so it cannot conform to the schema.")]);
        }

        using (document)
        {
            var results = _schema.Evaluate(document.RootElement, _evaluationOptions);
            return results.IsValid
                ? new([new EvaluationScore(Name, 1.0, passed: true, "The response conforms to the schema.")])
                : new([new EvaluationScore(Name, 0.0, passed: false, Describe(results))]);
        }
    }

    private static string Describe(EvaluationResults results)
    {
        var text = new StringBuilder("The response does not conform to the schema:");
        var reported = 0;
        foreach (var node in Flatten(results))
        {
            // Keyword and location only: the library's messages can quote the response's values, which are user data.
            foreach (var keyword in node.Errors!.Keys) // Flatten returns only nodes with errors
            {
                if (reported == MaxReportedErrors)
                {
                    return text.Append(" …").ToString();
                }

                text.Append(CultureInfo.InvariantCulture, $" '{keyword}' fails at '{node.InstanceLocation}';");
                reported++;
            }
        }

        return text.ToString();
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        if (results.Errors is { Count: > 0 })
        {
            yield return results;
        }

        if (results.Details is { } details)
        {
            foreach (var detail in details)
            {
                foreach (var nested in Flatten(detail))
                {
                    yield return nested;
                }
            }
        }
    }
}
