using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

/// <summary>
/// BLEU against NLTK's <c>nltk.translate.bleu_score</c>. The doctest values of NLTK's module are checked at the precision
/// NLTK prints them; the full-precision values come from NLTK's algorithm (corpus_bleu, modified_precision,
/// closest_ref_length, brevity_penalty, SmoothingFunction.method0/method1) run in CPython 3, and are checked to 1e-9.
/// 0.45838627164939455 and 0.2635971381157267 are printed in full by NLTK's own doctests.
/// </summary>
public sealed class BleuScoreTests
{
    private const double Tolerance = 1e-9;

    private static readonly string[] Hypothesis1 = Split("It is a guide to action which ensures that the military always obeys the commands of the party");
    private static readonly string[] Hypothesis2 = Split("It is to insure the troops forever hearing the activity guidebook that party direct");
    private static readonly string[] Reference1 = Split("It is a guide to action that ensures that the military will forever heed Party commands");
    private static readonly string[] Reference2 = Split("It is the guiding principle which guarantees the military forces always being under the command of the Party");
    private static readonly string[] Reference3 = Split("It is the practical guide for the army always to heed the directions of the party");
    private static readonly string[] BookHypothesis = Split("he read the book because he was interested in world history");
    private static readonly string[] BookReference = Split("he was interested in world history because he read the book");

    [Fact]
    public void SentenceBleu_NltkDoctestHypothesis1_Matches()
    {
        var bleu = Sentence([Reference1, Reference2, Reference3], Hypothesis1, smoothing: false);

        Assert.Equal(0.5045666840058485, bleu, Tolerance); // NLTK doctest: 0.5045...
    }

    [Fact]
    public void SentenceBleu_NoTrigramUnsmoothed_IsPracticallyZeroAsInNltk()
    {
        var bleu = Sentence([Reference1, Reference2, Reference3], Hypothesis2, smoothing: false);

        Assert.Equal(5.92086005993801e-155, bleu, Tolerance); // NLTK doctest: round(..., 4) == 0.0
        Assert.True(bleu > 0, $"NLTK puts sys.float_info.min in place of a zero precision, so the score is tiny, not 0; got {bleu}.");
    }

    [Fact]
    public void SentenceBleu_NoTrigramSmoothedMethod1_Matches()
    {
        var bleu = Sentence([Reference1, Reference2, Reference3], Hypothesis2, smoothing: true);

        Assert.Equal(0.03703131191121491, bleu, Tolerance); // NLTK doctest: 0.0370...
    }

    [Fact]
    public void SentenceBleu_SingleReferenceMethod1_Matches()
    {
        var bleu = Sentence([Reference1], Hypothesis1, smoothing: true);

        Assert.Equal(0.41180376356915777, bleu, Tolerance); // NLTK doctest: 0.4118...
    }

    [Fact]
    public void SentenceBleu_FiveGramWeights01666_MatchesNltkPrintedValue()
    {
        var bleu = BleuScore.Corpus([[Reference1, Reference2, Reference3]], [Hypothesis1], [0.1666, 0.1666, 0.1666, 0.1666, 0.1666], smoothing: false);

        Assert.Equal(0.45838627164939455, bleu, Tolerance); // printed in full by NLTK's doctest
    }

    [Fact]
    public void SentenceBleu_UniformFiveGramWeights_Matches()
    {
        var bleu = BleuScore.Corpus([[Reference1, Reference2, Reference3]], [Hypothesis1], [0.2, 0.2, 0.2, 0.2, 0.2], smoothing: false);

        Assert.Equal(0.39202634084155785, bleu, Tolerance); // NLTK doctest: 0.3920...
    }

    [Fact]
    public void CorpusBleu_NltkDoctestCorpus_Matches()
    {
        var bleu = TextMetrics.CorpusBleu(
            [[Join(Reference1), Join(Reference2), Join(Reference3)], [Join(BookReference)]], [Join(Hypothesis1), Join(BookHypothesis)]);

        Assert.Equal(0.5920778868801042, bleu, Tolerance); // NLTK doctest: 0.5920...
    }

    [Fact]
    public void CorpusBleu_IsNotTheMeanOfSentenceBleu()
    {
        var mean = (Sentence([Reference1, Reference2, Reference3], Hypothesis1, false) + Sentence([BookReference], BookHypothesis, false)) / 2;

        Assert.Equal(0.6223, Math.Round(mean, 4)); // NLTK doctest: 0.6223...
    }

    [Fact]
    public void CorpusBleu_MixedCorpusSmoothed_Matches()
    {
        var bleu = TextMetrics.CorpusBleu([["a b c d e", "a b x"], ["q r s"]], ["a b c", "q z"], smoothing: true);

        Assert.Equal(0.27821195481929917, bleu, Tolerance);
    }

    [Fact]
    public void SentenceBleu_CandidateShorterThanEveryReference_AppliesBrevityPenalty()
    {
        var bleu = TextMetrics.SentenceBleu(["the cat sat on the mat"], "the cat", smoothing: true);

        Assert.Equal(0.04279677428117006, bleu, Tolerance);
    }

    [Fact]
    public void SentenceBleu_Unicode_Matches()
    {
        var bleu = TextMetrics.SentenceBleu(["le café est très bon ☕ 😀"], "le café est bon 😀", smoothing: true);

        Assert.Equal(0.20252884954471367, bleu, Tolerance);
    }

    [Fact]
    public void SentenceBleu_HypothesisLongerThanReference_Matches()
    {
        var bleu = TextMetrics.SentenceBleu(["John loves Mary"], "John loves Mary who loves Mike", smoothing: true);

        Assert.Equal(0.20205155046766235, bleu, Tolerance);
    }

    [Theory]
    [InlineData("John loves Mary", "The candidate has no alignment to any of the references")] // no overlap
    [InlineData("", "The candidate has no alignment to any of the references")] // empty hypothesis
    [InlineData("John loves Mary", "")] // empty reference
    [InlineData("", "")]
    public void SentenceBleu_NoMatchingUnigram_IsZero(string hypothesis, string reference)
    {
        Assert.Equal(0.0, TextMetrics.SentenceBleu([reference], hypothesis, smoothing: true));
        Assert.Equal(0.0, TextMetrics.SentenceBleu([reference], hypothesis, smoothing: false));
    }

    [Fact]
    public void SentenceBleu_IdenticalLongSentence_IsOne()
    {
        Assert.Equal(1.0, TextMetrics.SentenceBleu([Join(Reference1)], Join(Reference1)), Tolerance);
    }

    [Fact]
    public void ModifiedPrecision_RepeatedWord_ClipsToReferenceCount()
    {
        var (numerator, denominator) = BleuScore.ModifiedPrecision(
            [Split("the cat is on the mat"), Split("there is a cat on the mat")], Split("the the the the the the the"), 1);

        Assert.Equal((2L, 7L), (numerator, denominator)); // NLTK doctest: 0.2857...
    }

    [Fact]
    public void ModifiedPrecision_Bigrams_MatchesNltkPrintedValue()
    {
        var (numerator, denominator) = BleuScore.ModifiedPrecision([Reference1, Reference2, Reference3], Hypothesis1, 2);

        Assert.Equal(0.5882352941176471, (double)numerator / denominator);
    }

    [Theory]
    [InlineData(new[] { 28, 28 }, 12, 0.2635971381157267)] // printed in full by NLTK's doctest
    [InlineData(new[] { 12, 15, 17 }, 12, 1.0)]
    [InlineData(new[] { 13, 11 }, 12, 1.0)] // a tie takes the shorter reference
    [InlineData(new[] { 11, 8, 6, 7 }, 7, 1.0)]
    public void BrevityPenalty_ClosestReference_MatchesNltk(int[] referenceLengths, int hypothesisLength, double expected)
    {
        string[][] references = [.. referenceLengths.Select(static length => Enumerable.Repeat("a", length).ToArray())];

        var penalty = BleuScore.BrevityPenalty(BleuScore.ClosestReferenceLength(references, hypothesisLength), hypothesisLength);

        Assert.Equal(expected, penalty, Tolerance);
    }

    [Theory]
    [InlineData(new[] { 13, 2 }, 12, 0.9200)]
    [InlineData(new[] { 11, 8 }, 7, 0.8669)]
    public void BrevityPenalty_ShorterThanClosest_MatchesNltkToFourPlaces(int[] referenceLengths, int hypothesisLength, double expected)
    {
        string[][] references = [.. referenceLengths.Select(static length => Enumerable.Repeat("a", length).ToArray())];

        var penalty = BleuScore.BrevityPenalty(BleuScore.ClosestReferenceLength(references, hypothesisLength), hypothesisLength);

        Assert.Equal(expected, Math.Round(penalty, 4));
    }

    [Fact]
    public void CorpusBleu_ListsOfDifferentLength_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => TextMetrics.CorpusBleu([["a"]], ["a", "b"]));

        Assert.Contains("1 lists for 2 hypotheses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SentenceBleu_NoReference_ThrowsWithFix()
    {
        var error = Assert.Throws<ArgumentException>(() => TextMetrics.SentenceBleu([], "a"));

        Assert.Contains("at least one reference", error.Message, StringComparison.Ordinal);
    }

    private static double Sentence(string[][] references, string[] hypothesis, bool smoothing) =>
        BleuScore.Corpus([references], [hypothesis], BleuScore.UniformWeights, smoothing);

    private static string[] Split(string text) => text.Split(' ');

    private static string Join(string[] tokens) => string.Join(' ', tokens);
}
