namespace LlmOps.Sdk.Testing;

/// <summary>The kinds of failure a <see cref="ScriptedFault"/> can raise.</summary>
public enum ScriptedFaultKind
{
    /// <summary>The provider answered with an HTTP error status.</summary>
    Http,

    /// <summary>The request timed out before the provider answered.</summary>
    Timeout,
}
