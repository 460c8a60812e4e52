namespace LlmOps.Cli;

/// <summary>The exit codes of every <c>llmops</c> command, as its help documents them.</summary>
internal static class CliExitCodes
{
    /// <summary>The command did what it was asked, and every gate passed.</summary>
    public const int Ok = 0;

    /// <summary>The command ran, but a gate or check failed: a threshold, a regression, a validation.</summary>
    public const int Failed = 1;

    /// <summary>The command could not run: bad arguments, a missing or invalid file, an unreachable store.</summary>
    public const int BadInput = 2;
}
