namespace LlmOps.Sdk.Prompts;

/// <summary>How a resolution was served.</summary>
public enum PromptResolutionState
{
    /// <summary>Read from the store for this call.</summary>
    Fresh,

    /// <summary>Served from the cache within its time to live.</summary>
    Cached,

    /// <summary>Served from the cache past its time to live, while a refresh runs or because the store failed.</summary>
    Stale,

    /// <summary>The store could not serve it, and the fallback prompt given in code was used.</summary>
    Fallback,

    /// <summary>The store could not serve it and nothing was cached, so the version kept in the snapshot file was used.</summary>
    Snapshot,
}
