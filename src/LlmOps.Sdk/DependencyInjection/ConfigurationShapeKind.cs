namespace LlmOps.Sdk.DependencyInjection;

/// <summary>What a configuration key holds, in a <see cref="ConfigurationShape"/>.</summary>
internal enum ConfigurationShapeKind
{
    /// <summary>A single value.</summary>
    Value,

    /// <summary>A section of named keys.</summary>
    Section,

    /// <summary>Entries under free keys, each of the same shape.</summary>
    Map,

    /// <summary>An option that configuration cannot set.</summary>
    CodeOnly,
}
