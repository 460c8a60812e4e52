using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>The <c>cache:</c> key of a prompt file, which opts a prompt version into the response cache.</summary>
public sealed class PromptCacheSettingTests
{
    [Theory]
    [InlineData("cache: true", null)]
    [InlineData("cache: 00:10:00", 600.0)]
    [InlineData("cache: 1.00:00:00", 86_400.0)]
    public void Parse_CacheKey_OptsTheVersionIn(string line, double? seconds)
    {
        var version = PromptYamlFormat.Parse("faq/v1.yaml", line + "\ntext: Answer {{q}}\n", "faq", 1);

        Assert.NotNull(version.Cache);
        Assert.Equal(seconds, version.Cache.Duration?.TotalSeconds);
    }

    [Theory]
    [InlineData("cache: false\ntext: Answer {{q}}\n")]
    [InlineData("text: Answer {{q}}\n")]
    public void Parse_NoOrFalseCacheKey_LeavesTheVersionOut(string yaml)
    {
        var version = PromptYamlFormat.Parse("faq/v1.yaml", yaml, "faq", 1);

        Assert.Null(version.Cache);
    }

    [Fact]
    public void Parse_BadCacheValue_ThrowsNamingFileLineAndFix()
    {
        var error = Assert.Throws<PromptException>(() => PromptYamlFormat.Parse("faq/v1.yaml", "text: Answer {{q}}\ncache: often\n", "faq", 1));

        Assert.Equal(("faq/v1.yaml", 2), (error.FilePath, error.Line));
        Assert.Contains("00:10:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CacheSetting_DoesNotChangeTheContentHash()
    {
        var plain = PromptYamlFormat.Parse("faq/v1.yaml", "text: Answer {{q}}\n", "faq", 1);
        var cached = PromptYamlFormat.Parse("faq/v1.yaml", "cache: true\ntext: Answer {{q}}\n", "faq", 1);

        Assert.Equal(plain.ContentHash, cached.ContentHash);
    }

    [Fact]
    public void Write_CachedVersion_ReadsBackWithTheSameSetting()
    {
        var version = new PromptVersion("faq", 3, "Answer {{q}}") { Cache = new PromptCacheSettings { Duration = TimeSpan.FromMinutes(90) } };

        var back = PromptYamlFormat.Parse("faq/v3.yaml", PromptYamlWriter.Write(version), "faq", 3);

        Assert.Equal(version.Cache, back.Cache);
    }
}
