using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

/// <summary>SQuAD v1.1 exact match and F1, and Levenshtein, against values worked out by hand.</summary>
public sealed class TextMetricsTests
{
    [Theory]
    [InlineData("The Cat  sat!", "cat sat")]
    [InlineData("U.S.A.", "usa")]
    [InlineData("an apple, a pear and the plum", "apple pear and plum")]
    [InlineData("theory of another", "theory of another")] // articles only as whole words
    [InlineData("", "")]
    [InlineData("  \t\n ", "")]
    [InlineData("Café «au» lait", "café «au» lait")] // only ASCII punctuation goes, as in Python's string.punctuation
    public void NormalizeAnswer_Text_FollowsSquad(string text, string expected)
    {
        var normalized = TextMetrics.NormalizeAnswer(text);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("The Eiffel Tower.", "eiffel tower", true)]
    [InlineData("Eiffel Tower", "the Eiffel Tower in Paris", false)]
    [InlineData("", "", true)]
    [InlineData("", "Paris", false)]
    [InlineData("CAFÉ", "café", true)]
    public void ExactMatch_Answers_ComparesNormalized(string prediction, string reference, bool expected)
    {
        Assert.Equal(expected, TextMetrics.ExactMatch(prediction, reference));
    }

    [Theory]
    // "cat sat on mat" vs "cat sat": 2 common, precision 2/4, recall 2/2, F1 = 2·0.5·1 / 1.5 = 2/3.
    [InlineData("the cat sat on the mat", "a cat sat", 2.0 / 3.0)]
    // Counts clip: "x x y" vs "x" has 1 common token, P 1/3, R 1, F1 = 2·(1/3)·1 / (4/3) = 0.5.
    [InlineData("x x y", "x", 0.5)]
    [InlineData("identical answer", "Identical answer!", 1.0)]
    [InlineData("no overlap", "something else", 0.0)]
    [InlineData("", "", 0.0)] // SQuAD v1.1: no common token, F1 0, even for two empty answers
    [InlineData("", "paris", 0.0)]
    [InlineData("the", "a", 0.0)] // both normalise to nothing
    [InlineData("naïve café", "café", 2.0 / 3.0)] // P 1/2, R 1: F1 2/3
    public void TokenF1_Answers_MatchesHandComputedValue(string prediction, string reference, double expected)
    {
        var f1 = TextMetrics.TokenF1(prediction, reference);

        Assert.Equal(expected, f1, 12);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    [InlineData("😀a", "a", 1)] // one scalar value, though two UTF-16 code units
    [InlineData("😀", "😃", 1)]
    [InlineData("café", "cafe", 1)]
    public void LevenshteinDistance_Strings_CountsScalarEdits(string source, string target, int expected)
    {
        Assert.Equal(expected, TextMetrics.LevenshteinDistance(source, target));
        Assert.Equal(expected, TextMetrics.LevenshteinDistance(target, source));
    }

    [Theory]
    [InlineData("kitten", "sitting", 1.0 - (3.0 / 7.0))]
    [InlineData("", "", 1.0)]
    [InlineData("abc", "", 0.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("😀😀", "😀", 0.5)]
    public void LevenshteinSimilarity_Strings_IsOneMinusDistanceOverLongerLength(string source, string target, double expected)
    {
        Assert.Equal(expected, TextMetrics.LevenshteinSimilarity(source, target), 12);
    }
}
