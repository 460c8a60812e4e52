namespace LlmOps.Sdk.Caching;

/// <summary>The defaults and fixed names of the response cache, in one place.</summary>
internal static class ResponseCacheConstants
{
    public const string MinDuration = "00:00:01";
    public const string MaxDuration = "30.00:00:00";
    public const string DefaultKeyPrefix = "llmops:chat:";
    public const int MaxKeyPrefixLength = 100;

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    /// <summary>HybridCache's own default limit on a stored payload, for a stage that cannot read the host's options.</summary>
    public static readonly long DefaultMaximumPayloadBytes = new Microsoft.Extensions.Caching.Hybrid.HybridCacheOptions().MaximumPayloadBytes;

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key of a call's own cache directive.</summary>
    /// <remarks>Every key under <c>llmops.</c> steers our stages and never changes the answer: none is part of a cache key.</remarks>
    public const string DirectiveKey = "llmops.cache";

    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key set to <see langword="true"/> on an answer from the cache.</summary>
    public const string HitKey = "llmops.cache.hit";

    /// <summary>Bumped when the key material or the payload changes shape, so that old entries are never misread.</summary>
    public const string FormatVersion = "v1:";
}
