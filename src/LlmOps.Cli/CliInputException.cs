namespace LlmOps.Cli;

/// <summary>The input of a command is wrong; the message says what to do, and the command exits with code 2.</summary>
internal sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
