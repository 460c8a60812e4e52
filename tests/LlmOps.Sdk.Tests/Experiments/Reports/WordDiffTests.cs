using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Reports;

public sealed class WordDiffTests
{
    [Fact]
    public void Compute_OneWordReplaced_MarksTheWordRemovedAndAdded()
    {
        var spans = WordDiff.Compute("The capital is Paris.", "The capital is Lyon.");

        Assert.Equal(
            [new(DiffKind.Same, "The capital is "), new(DiffKind.Removed, "Paris"), new(DiffKind.Added, "Lyon"), new(DiffKind.Same, ".")],
            spans);
    }

    [Fact]
    public void Compute_WordsInsertedInTheMiddle_KeepsTheCommonWords()
    {
        var spans = WordDiff.Compute("a b c d", "a b x y c d");

        Assert.Equal("a b c d", string.Concat(spans.Where(static s => s.Kind != DiffKind.Added).Select(static s => s.Text)));
        Assert.Equal("a b x y c d", string.Concat(spans.Where(static s => s.Kind != DiffKind.Removed).Select(static s => s.Text)));
        Assert.Equal("x y ", string.Concat(spans.Where(static s => s.Kind == DiffKind.Added).Select(static s => s.Text)));
        Assert.DoesNotContain(spans, static s => s.Kind == DiffKind.Removed);
    }

    [Fact]
    public void Compute_IdenticalTexts_IsOneSameSpan()
    {
        Assert.Equal([new DiffSpan(DiffKind.Same, "same words")], WordDiff.Compute("same words", "same words"));
    }
}
