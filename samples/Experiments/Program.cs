// Experiments: two versions of a prompt through two models over 55 questions, offline. The models are ScriptedChatClients
// whose answers differ in quality item by item (see Atlas.cs), so the report has real differences to find.
// Run: dotnet run --project samples/Experiments [output folder]
namespace ExperimentsSample;

internal static class Program
{
    private static async Task Main(string[] args)
    {
        var outputFolder = Path.GetFullPath(args.Length > 0 ? args[0] : "experiment-output");
        var outputs = await CapitalsExperiment.RunAsync(outputFolder, Console.Out);
        Console.WriteLine();
        Console.WriteLine($"Results:         {outputs.Results}");
        Console.WriteLine($"Markdown report: {outputs.Markdown}");
        Console.WriteLine($"HTML report:     {outputs.Html}");
    }
}
