using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace LlmOps.Sdk.Tests.Packaging;

/// <summary>
/// Inspects the packages <c>dotnet pack</c> wrote to the folder named by <c>LLMOPS_PACKAGES</c> (<c>.ci/run</c> packs
/// them there with <c>CI=true</c>): what a package page shows, what a debugger needs, and that the build is deterministic.
/// </summary>
public sealed partial class PackageTests
{
    private const string FolderVariable = "LLMOPS_PACKAGES";

    // The library packages; the llmops tool is a tool package (tools/, not lib/), checked by installing it in ToolPackageTests.
    public static TheoryData<string> PackageIds() => ["LlmOps.Sdk", "LlmOps.Sdk.Testing", "LlmOps.Sdk.Evaluation.JsonSchema", "LlmOps.Sdk.Experiments", "LlmOps.Sdk.Sqlite", "LlmOps.Sdk.PostgreSql", "LlmOps.Sdk.Redis", "LlmOps.Sdk.Tokenizers"];

    [SkippableTheory]
    [MemberData(nameof(PackageIds))]
    public void Package_Nuspec_HasWhatAPackagePageShows(string id)
    {
        using var package = OpenPackage(id, ".nupkg");
        var metadata = Nuspec(package);

        Assert.Equal("MIT", Element(metadata, "license"));
        Assert.Equal("README.md", Element(metadata, "readme"));
        Assert.Equal("icon.png", Element(metadata, "icon"));
        Assert.StartsWith("https://", Element(metadata, "projectUrl"), StringComparison.Ordinal);
        Assert.EndsWith("CHANGELOG.md", Element(metadata, "releaseNotes"), StringComparison.Ordinal);
        var repository = metadata.Elements().Single(static e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? string.Empty);
        Assert.DoesNotMatch(@"^1\.0\.0$", Element(metadata, "version")); // from git tags, never the SDK's default
    }

    [SkippableTheory]
    [MemberData(nameof(PackageIds))]
    public void Package_Files_HoldReadmeLicenseIconAndXmlDocs(string id)
    {
        using var package = OpenPackage(id, ".nupkg");

        var names = package.Entries.Select(static e => e.FullName).ToHashSet(StringComparer.Ordinal);

        string[] expected = ["README.md", "LICENSE", "icon.png", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"];
        Assert.True(expected.All(names.Contains), $"{id} lacks {string.Join(", ", expected.Where(n => !names.Contains(n)))}; it holds {string.Join(", ", names)}.");
    }

    [SkippableTheory]
    [MemberData(nameof(PackageIds))]
    public void Package_Readme_LinksOnlyAbsolute(string id)
    {
        using var package = OpenPackage(id, ".nupkg");
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open()); // checked by the test above

        var relative = MarkdownLink().Matches(reader.ReadToEnd()).Select(static m => m.Groups["target"].Value)
            .Where(static target => !target.StartsWith("https://", StringComparison.Ordinal) && !target.StartsWith('#')).ToList();

        Assert.True(relative.Count == 0, $"The README of {id} has links that break on a package page: {string.Join(", ", relative)}. Make them absolute.");
    }

    [SkippableTheory]
    [MemberData(nameof(PackageIds))]
    public void SymbolPackage_Pdb_IsDeterministicWithSourceLink(string id)
    {
        using var symbols = OpenPackage(id, ".snupkg");
        using var pdbStream = new MemoryStream();
        using (var entry = symbols.GetEntry($"lib/net10.0/{id}.pdb")?.Open() ?? throw new InvalidOperationException($"The symbol package of {id} has no {id}.pdb."))
        {
            entry.CopyTo(pdbStream);
        }

        pdbStream.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
        var pdb = provider.GetMetadataReader();

        var documents = pdb.Documents.Select(handle => pdb.GetString(pdb.GetDocument(handle).Name)).ToList();
        var unmapped = documents.Where(static name => !name.StartsWith("/_/", StringComparison.Ordinal) && !name.StartsWith("/_1/", StringComparison.Ordinal)
            && !name.Contains("/obj/", StringComparison.Ordinal)).ToList();
        Assert.True(unmapped.Count == 0, $"{id}'s PDB names machine paths (not deterministic): {string.Join(", ", unmapped.Take(3))}.");
        Assert.Contains("https://raw.githubusercontent.com/", SourceLinkJson(pdb), StringComparison.Ordinal);
    }

    private static ZipArchive OpenPackage(string id, string extension)
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable);
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(folder))
        {
            // CI must never pass by skipping: .ci/run packs first and sets the variable.
            Assert.False(inCi, $"{FolderVariable} is not set under CI=true. Run .ci/run, which packs the packages and sets it.");
            Skip.If(true, $"{FolderVariable} is not set: run 'CI=true dotnet pack -o <folder>' and set {FolderVariable}=<folder> to check the packages.");
        }

        var pattern = new Regex($"^{Regex.Escape(id)}\\.[0-9][^/]*{Regex.Escape(extension)}$");
        var path = Directory.EnumerateFiles(folder!).SingleOrDefault(file => pattern.IsMatch(Path.GetFileName(file)))
            ?? throw new InvalidOperationException($"No {id}*{extension} in {folder}. Pack the solution into that folder.");
        return ZipFile.OpenRead(path);
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(static e => e.Name.LocalName == "metadata"); // a nuspec always has a root
    }

    private static string? Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string SourceLinkJson(MetadataReader pdb)
    {
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A"); // the Portable PDB spec's SourceLink GUID
        foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == sourceLinkKind)
            {
                return System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
            }
        }

        return string.Empty;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
