using System.Globalization;
using System.Text;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Writes figures as one line of text, for logs, history notes and the <c>llmops</c> tool.</summary>
internal static class RolloutFigureText
{
    public static string Format(IReadOnlyList<RolloutFigure> figures)
    {
        var text = new StringBuilder();
        foreach (var figure in figures)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(CultureInfo.InvariantCulture,
                $"{figure.Name} baseline {Number(figure.Baseline)} (n={figure.BaselineCount}) vs candidate {Number(figure.Candidate)} (n={figure.CandidateCount}), {figure.Test} p={Number(figure.PValue)} {(figure.Worse ? "<" : ">=")} {Number(figure.Threshold)}{(figure.Worse ? " WORSE" : "")}");
        }

        return text.ToString();
    }

    /// <summary>Writes a number with four significant digits, invariant.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Names the figures on which the candidate is worse.</summary>
    public static string Worse(IReadOnlyList<RolloutFigure> figures) =>
        string.Join(", ", figures.Where(static f => f.Worse).Select(static f => f.Name));
}
