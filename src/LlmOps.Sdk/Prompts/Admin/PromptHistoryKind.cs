namespace LlmOps.Sdk.Prompts;

/// <summary>What kind of change a <see cref="PromptHistoryEntry"/> records.</summary>
public enum PromptHistoryKind
{
    /// <summary>A version was published.</summary>
    Publish,

    /// <summary>A label was created or moved.</summary>
    LabelSet,

    /// <summary>A label was removed.</summary>
    LabelRemove,

    /// <summary>A label was moved back to its previous targets.</summary>
    Rollback,
}
