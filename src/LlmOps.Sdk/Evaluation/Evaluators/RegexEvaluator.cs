using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response matches a regular expression.</summary>
/// <remarks>Matching has a timeout (1 second by default), so a pathological pattern cannot hang an inline call.</remarks>
public sealed class RegexEvaluator : IResponseEvaluator
{
    /// <summary>The default name of this evaluator and its score: <c>regex</c>.</summary>
    public const string DefaultName = "regex";

    private readonly Regex _regex;

    /// <summary>Initializes a new instance of the <see cref="RegexEvaluator"/> class.</summary>
    /// <param name="pattern">The .NET regular expression the response must match (anywhere, unless anchored).</param>
    /// <param name="options">Regex options; <see cref="RegexOptions.CultureInvariant"/> is always added.</param>
    /// <param name="name">The name of the evaluator and its score; <c>regex</c> by default.</param>
    /// <param name="matchTimeout">How long one match may take; 1 second by default.</param>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is not a valid regular expression.</exception>
    public RegexEvaluator(string pattern, RegexOptions options = RegexOptions.None, string name = DefaultName, TimeSpan? matchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _regex = new Regex(pattern, options | RegexOptions.CultureInvariant, matchTimeout ?? TimeSpan.FromSeconds(1));
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var matched = _regex.IsMatch(context.ResponseText);
        return new([new EvaluationScore(Name, matched ? 1.0 : 0.0, matched,
            matched ? $"The response matches /{_regex}/." : $"The response does not match /{_regex}/.")]);
    }
}
