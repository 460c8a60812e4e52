namespace LlmOps.Cli.Prompts;

/// <summary>What a command does with the prompt store it opens, which decides whether opening it may write.</summary>
internal enum PromptStoreAccess
{
    /// <summary>Reads only (list, history, diff, export, status): the store is opened read-only and never migrated, and the SQLite file must exist.</summary>
    Read,

    /// <summary>Plans a push (--dry-run): read-only like <see cref="Read"/>, and a missing file or schema is the empty store a real push would start from.</summary>
    Plan,

    /// <summary>Changes an existing store (label, rollback, rollouts): its schema is migrated, and the SQLite file must exist.</summary>
    Change,

    /// <summary>Publishes (push): its schema is created or migrated, and a missing SQLite file is created.</summary>
    Publish,
}
