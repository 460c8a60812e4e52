namespace LlmOps.Sdk.Evaluation;

/// <summary>Computes the reference-based text metrics behind the built-in evaluators, for offline use and your own evaluators.</summary>
/// <remarks>All methods are pure and thread-safe.</remarks>
public static class TextMetrics
{
    /// <summary>Normalises an answer as SQuAD v1.1 does: lower case, no ASCII punctuation, no articles a/an/the, single spaces.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>The normalised answer.</returns>
    public static string NormalizeAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SquadText.Normalize(text);
    }

    /// <summary>Tells whether two answers are equal after SQuAD v1.1 normalisation.</summary>
    /// <param name="prediction">The model's answer.</param>
    /// <param name="reference">The expected answer.</param>
    /// <returns><see langword="true"/> when the normalised answers are equal.</returns>
    public static bool ExactMatch(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        return SquadText.ExactMatch(prediction, reference);
    }

    /// <summary>Computes the SQuAD v1.1 token F1 of two answers: the harmonic mean of token precision and recall.</summary>
    /// <param name="prediction">The model's answer.</param>
    /// <param name="reference">The expected answer.</param>
    /// <returns>From 0 (no token in common, or an empty answer) to 1.</returns>
    public static double TokenF1(string prediction, string reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        return SquadText.F1(prediction, reference);
    }

    /// <summary>Computes sentence BLEU-4 of a hypothesis against its references, on white-space tokens, as NLTK's <c>sentence_bleu</c>.</summary>
    /// <param name="references">The acceptable answers; at least one.</param>
    /// <param name="hypothesis">The model's answer.</param>
    /// <param name="smoothing">Whether to apply smoothing method 1 of Chen and Cherry (2014, epsilon 0.1), as NLTK's <c>SmoothingFunction().method1</c>.</param>
    /// <returns>From 0 to 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="references"/> is empty.</exception>
    public static double SentenceBleu(IReadOnlyList<string> references, string hypothesis, bool smoothing = true)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypothesis);
        return CorpusBleu([references], [hypothesis], smoothing);
    }

    /// <summary>Computes corpus BLEU-4 (Papineni et al. 2002) on white-space tokens, as NLTK's <c>corpus_bleu</c>.</summary>
    /// <param name="references">For each hypothesis, its acceptable answers; at least one each.</param>
    /// <param name="hypotheses">The model's answers.</param>
    /// <param name="smoothing">Whether to apply smoothing method 1 of Chen and Cherry (2014, epsilon 0.1).</param>
    /// <returns>From 0 to 1.</returns>
    /// <exception cref="ArgumentException">The lists differ in length, or a hypothesis has no reference.</exception>
    public static double CorpusBleu(IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string> hypotheses, bool smoothing = false)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(hypotheses);
        var tokenizedReferences = new List<IReadOnlyList<string[]>>(references.Count);
        foreach (var alternatives in references)
        {
            ArgumentNullException.ThrowIfNull(alternatives, nameof(references));
            var tokenized = new List<string[]>(alternatives.Count);
            foreach (var reference in alternatives)
            {
                tokenized.Add([.. SquadText.Tokenize(reference)]);
            }

            tokenizedReferences.Add(tokenized);
        }

        var tokenizedHypotheses = new List<string[]>(hypotheses.Count);
        foreach (var hypothesis in hypotheses)
        {
            tokenizedHypotheses.Add([.. SquadText.Tokenize(hypothesis)]);
        }

        return BleuScore.Corpus(tokenizedReferences, tokenizedHypotheses, BleuScore.UniformWeights, smoothing);
    }

    /// <summary>Computes the Levenshtein distance of two strings, counting Unicode scalar values.</summary>
    /// <param name="source">The first string.</param>
    /// <param name="target">The second string.</param>
    /// <returns>The fewest single-character insertions, deletions and substitutions that turn one into the other.</returns>
    public static int LevenshteinDistance(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return Evaluation.LevenshteinDistance.Compute(source, target);
    }

    /// <summary>Computes 1 − Levenshtein distance / length of the longer string.</summary>
    /// <param name="source">The first string.</param>
    /// <param name="target">The second string.</param>
    /// <returns>From 0 to 1; 1 for equal strings, two empty ones included.</returns>
    public static double LevenshteinSimilarity(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return Evaluation.LevenshteinDistance.Similarity(source, target);
    }
}
