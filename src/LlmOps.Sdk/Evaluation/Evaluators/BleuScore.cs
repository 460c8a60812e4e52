namespace LlmOps.Sdk.Evaluation;

/// <summary>BLEU (Papineni et al. 2002) computed as NLTK's <c>nltk.translate.bleu_score</c> computes it.</summary>
/// <remarks>
/// Modified n-gram precisions are summed over the corpus as integer numerators and denominators (each sentence's
/// denominator at least 1), the brevity penalty uses the closest reference length (the shorter on a tie), a corpus
/// with no matching unigram scores 0, and a zero precision is either NLTK's <c>sys.float_info.min</c> (no smoothing)
/// or smoothing method 1 of Chen and Cherry (2014): (0 + epsilon) / denominator, epsilon 0.1.
/// See https://github.com/nltk/nltk/blob/develop/nltk/translate/bleu_score.py.
/// </remarks>
internal static class BleuScore
{
    public const double Epsilon = 0.1;

    public static readonly double[] UniformWeights = [0.25, 0.25, 0.25, 0.25];

    // Python's sys.float_info.min, the smallest normal double: what NLTK's method0 puts in place of a zero precision.
    private static readonly double SmallestNormal = BitConverter.Int64BitsToDouble(0x0010000000000000L);

    public static double Corpus(
        IReadOnlyList<IReadOnlyList<string[]>> referencesPerHypothesis, IReadOnlyList<string[]> hypotheses,
        IReadOnlyList<double> weights, bool smoothing)
    {
        if (referencesPerHypothesis.Count != hypotheses.Count)
        {
            throw new ArgumentException(
                $"BLEU needs one list of references per hypothesis; got {referencesPerHypothesis.Count} lists for {hypotheses.Count} hypotheses.",
                nameof(referencesPerHypothesis));
        }

        var order = weights.Count;
        var numerators = new long[order + 1];
        var denominators = new long[order + 1];
        long hypothesisLengths = 0;
        long referenceLengths = 0;
        for (var h = 0; h < hypotheses.Count; h++)
        {
            var references = referencesPerHypothesis[h];
            if (references.Count == 0)
            {
                throw new ArgumentException(
                    $"Hypothesis {h} has no reference. Give every hypothesis at least one reference.", nameof(referencesPerHypothesis));
            }

            var hypothesis = hypotheses[h];
            for (var n = 1; n <= order; n++)
            {
                var (numerator, denominator) = ModifiedPrecision(references, hypothesis, n);
                numerators[n] += numerator;
                denominators[n] += denominator;
            }

            hypothesisLengths += hypothesis.Length;
            referenceLengths += ClosestReferenceLength(references, hypothesis.Length);
        }

        var brevityPenalty = BrevityPenalty(referenceLengths, hypothesisLengths);
        if (numerators[1] == 0)
        {
            return 0.0;
        }

        var sum = 0.0;
        var compensation = 0.0;
        for (var n = 1; n <= order; n++)
        {
            var precision = numerators[n] != 0 ? (double)numerators[n] / denominators[n]
                : smoothing ? (numerators[n] + Epsilon) / denominators[n]
                : SmallestNormal;

            // Neumaier summation, close to Python's math.fsum that NLTK uses.
            var term = weights[n - 1] * Math.Log(precision);
            var total = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - total) + term : (term - total) + sum;
            sum = total;
        }

        return brevityPenalty * Math.Exp(sum + compensation);
    }

    public static (long Numerator, long Denominator) ModifiedPrecision(IReadOnlyList<string[]> references, string[] hypothesis, int n)
    {
        var counts = CountNGrams(hypothesis, n);
        var maxCounts = new Dictionary<NGram, int>(counts.Count);
        foreach (var reference in references)
        {
            var referenceCounts = CountNGrams(reference, n);
            foreach (var ngram in counts.Keys)
            {
                maxCounts[ngram] = Math.Max(maxCounts.GetValueOrDefault(ngram), referenceCounts.GetValueOrDefault(ngram));
            }
        }

        long numerator = 0;
        long total = 0;
        foreach (var (ngram, count) in counts)
        {
            numerator += Math.Min(count, maxCounts[ngram]);
            total += count;
        }

        return (numerator, Math.Max(1, total));
    }

    public static long ClosestReferenceLength(IReadOnlyList<string[]> references, long hypothesisLength)
    {
        var best = references[0].Length;
        foreach (var reference in references)
        {
            var length = reference.Length;
            var distance = Math.Abs(length - hypothesisLength);
            var bestDistance = Math.Abs(best - hypothesisLength);
            if (distance < bestDistance || (distance == bestDistance && length < best))
            {
                best = length;
            }
        }

        return best;
    }

    public static double BrevityPenalty(long closestReferenceLength, long hypothesisLength) =>
        hypothesisLength > closestReferenceLength ? 1.0
        : hypothesisLength == 0 ? 0.0
        : Math.Exp(1 - ((double)closestReferenceLength / hypothesisLength));

    private static Dictionary<NGram, int> CountNGrams(string[] tokens, int n)
    {
        var counts = new Dictionary<NGram, int>();
        for (var i = 0; i + n <= tokens.Length; i++)
        {
            var ngram = new NGram(tokens, i, n);
            counts[ngram] = counts.GetValueOrDefault(ngram) + 1;
        }

        return counts;
    }

    /// <summary>A window of tokens compared by content, so that no joined string can make two n-grams collide.</summary>
    private readonly struct NGram(string[] tokens, int start, int length) : IEquatable<NGram>
    {
        private readonly string[] _tokens = tokens;
        private readonly int _start = start;
        private readonly int _length = length;

        public bool Equals(NGram other)
        {
            if (_length != other._length)
            {
                return false;
            }

            for (var i = 0; i < _length; i++)
            {
                if (!string.Equals(_tokens[_start + i], other._tokens[other._start + i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is NGram other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            for (var i = 0; i < _length; i++)
            {
                hash.Add(_tokens[_start + i], StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
