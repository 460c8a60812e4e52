namespace LlmOps.Sdk.Experiments;

/// <summary>The exception thrown when a dataset cannot be used: every problem found, each with its file, line and field.</summary>
/// <remarks>
/// Loading stops at the first line that cannot be read; the check of a dataset against an experiment's prompts reports
/// every missing variable of every item at once, before the first call.
/// </remarks>
public sealed class DatasetException : Exception
{
    private const int MaxListedProblems = 50;

    /// <summary>Initializes a new instance of the <see cref="DatasetException"/> class.</summary>
    public DatasetException()
    {
        Problems = [];
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetException"/> class with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public DatasetException(string message)
        : base(message)
    {
        Problems = [new DatasetProblem(null, null, null, message)];
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetException"/> class with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [new DatasetProblem(null, null, null, message)];
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetException"/> class with every problem found.</summary>
    /// <param name="problems">The problems found; at least one.</param>
    public DatasetException(IReadOnlyList<DatasetProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Initializes a new instance of the <see cref="DatasetException"/> class with one problem.</summary>
    /// <param name="problem">The problem found.</param>
    /// <param name="innerException">The error that revealed it, such as a JSON parse error.</param>
    public DatasetException(DatasetProblem problem, Exception? innerException = null)
        : base(problem?.Message ?? throw new ArgumentNullException(nameof(problem)), innerException)
    {
        Problems = [problem];
    }

    /// <summary>Gets every problem found, in file order.</summary>
    public IReadOnlyList<DatasetProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DatasetProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 1)
        {
            return problems[0].Message;
        }

        // A large dataset with one systematic mistake (a renamed column) would otherwise make a message of megabytes.
        var listed = problems.Take(MaxListedProblems).Select(static p => "  - " + p.Message);
        var more = problems.Count > MaxListedProblems ? $"{Environment.NewLine}  … and {problems.Count - MaxListedProblems} more." : string.Empty;
        return $"The dataset has {problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}";
    }
}
