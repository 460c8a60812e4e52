namespace LlmOps.Sdk.Evaluation;

/// <summary>Keeps evaluation results in memory: for tests, samples and a service's own dashboard endpoint.</summary>
/// <remarks>Thread-safe. Keeps at most <see cref="Capacity"/> records, dropping the oldest.</remarks>
public sealed class InMemoryEvaluationSink : IEvaluationSink
{
    private readonly Lock _gate = new();
    private readonly Queue<EvaluationRecord> _records = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryEvaluationSink"/> class.</summary>
    /// <param name="capacity">How many records to keep; the oldest go first. At least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public InMemoryEvaluationSink(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>Gets how many records are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>Gets a snapshot of the records kept, oldest first.</summary>
    public IReadOnlyList<EvaluationRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Removes every record kept.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_records.Count == Capacity)
            {
                _records.Dequeue();
            }

            _records.Enqueue(record);
        }

        return ValueTask.CompletedTask;
    }
}
