namespace LlmOps.Sdk.Capture;

/// <summary>A database that keeps captured cases beside the prompts: the SQLite and PostgreSQL prompt stores.</summary>
/// <remarks>
/// Registered by <c>AddPromptsFromSqlite</c> and <c>AddPromptsFromPostgreSql</c>, for <c>CaptureToRegistry</c> and
/// <c>llmops dataset export</c>. Implementations are thread-safe.
/// </remarks>
internal interface ICapturedCaseStore
{
    /// <summary>Gets how the store names itself in messages, without credentials.</summary>
    string Description { get; }

    /// <summary>Appends cases in one transaction, in order: all of them or none.</summary>
    /// <exception cref="Exception">The database cannot be reached or written; the message names the store and the fix.</exception>
    ValueTask AppendAsync(IReadOnlyList<CapturedCase> cases, CancellationToken cancellationToken);

    /// <summary>Reads the cases that match <paramref name="query"/>, in capture order, one at a time.</summary>
    /// <exception cref="Exception">The database cannot be reached or read; the message names the store and the fix.</exception>
    IAsyncEnumerable<CapturedCase> ReadAsync(CapturedCaseQuery query, CancellationToken cancellationToken);
}
