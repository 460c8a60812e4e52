using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Mustache;

public sealed class DictionaryPartialTemplateResolverTests
{
    [Fact]
    public void TryGetPartial_KnownName_ReturnsTemplate()
    {
        var header = PromptTemplate.Parse("header");
        var resolver = new DictionaryPartialTemplateResolver([new("header", header)]);

        var found = resolver.TryGetPartial("header", out var partial);

        Assert.True(found);
        Assert.Same(header, partial);
    }

    [Fact]
    public void TryGetPartial_NameWithOtherCase_ReturnsFalse()
    {
        var resolver = new DictionaryPartialTemplateResolver([new("header", PromptTemplate.Parse("header"))]);

        var found = resolver.TryGetPartial("Header", out var partial);

        Assert.False(found);
        Assert.Null(partial);
    }

    [Fact]
    public void Ctor_DuplicateName_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new DictionaryPartialTemplateResolver(
            [new("header", PromptTemplate.Parse("a")), new("header", PromptTemplate.Parse("b"))]));

        Assert.Contains("'header'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidPartial_ThrowsNamingThePartial()
    {
        var error = Assert.Throws<PromptTemplateException>(() => DictionaryPartialTemplateResolver.Parse([new("footer", "ok\n{{#x}}")]));

        Assert.Equal(("footer", 2, 1), (error.TemplateName, error.Line, error.Column));
    }

    [Fact]
    public void Parse_Partials_NamesEachTemplateAfterItsKey()
    {
        var resolver = DictionaryPartialTemplateResolver.Parse([new("a", "1"), new("b", "2")]);

        Assert.True(resolver.TryGetPartial("b", out var b));
        Assert.Equal(("b", "2"), (b.Name, b.Text));
        Assert.Equal(["a", "b"], resolver.Names.Order());
    }
}
