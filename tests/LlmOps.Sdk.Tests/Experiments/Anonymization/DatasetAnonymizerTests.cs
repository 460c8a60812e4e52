using System.Text;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Experiments.Anonymization;

public sealed class DatasetAnonymizerTests
{
    [Fact]
    public void AnonymizeJsonl_NoFieldsNamed_ReplacesEveryStringAndCopiesCleanLines()
    {
        const string input = """
            {"id": 1, "input": "Mail jane@example.com or call +44 20 7946 0958", "meta": {"ip": "203.0.113.9", "tags": ["card 4111 1111 1111 1111"]}}
            {"id": 2,   "input": "Order 100234567 shipped on 2024-05-01"}
            """;

        var (output, report) = RunJsonl(input, new());

        var lines = output.Split('\n');
        Assert.Equal("""{"id":1,"input":"Mail <EMAIL_1> or call <PHONE_1>","meta":{"ip":"<IP_1>","tags":["card <CARD_1>"]}}""", lines[0]);
        Assert.Equal("""{"id": 2,   "input": "Order 100234567 shipped on 2024-05-01"}""", lines[1]);
        Assert.Equal(2, report.Records);
        Assert.Equal(1, report.RecordsChanged);
        Assert.Equal(3, report.FieldsChanged);
        Assert.Equal(new Dictionary<string, int> { ["CARD"] = 1, ["EMAIL"] = 1, ["IP"] = 1, ["PHONE"] = 1 }, report.Replacements);
    }

    [Fact]
    public void AnonymizeJsonl_FieldsNamed_LeavesOtherFieldsAlone()
    {
        const string input = """{"question": "Is jane@example.com mine?", "expected": "Yes, jane@example.com is yours."}""";
        var options = new DatasetAnonymizerOptions();
        options.Fields.Add("question");

        var (output, _) = RunJsonl(input, options);

        Assert.Equal("""{"question":"Is <EMAIL_1> mine?","expected":"Yes, jane@example.com is yours."}""" + "\n", output);
    }

    [Fact]
    public void AnonymizeJsonl_PathThroughArray_ReplacesInEveryElement()
    {
        const string input = """{"messages": [{"role": "user", "content": "I am bob@example.org"}, {"role": "assistant", "content": "Hi bob@example.org"}]}""";
        var options = new DatasetAnonymizerOptions();
        options.Fields.Add("messages.content");

        var (output, _) = RunJsonl(input, options);

        Assert.Equal("""{"messages":[{"role":"user","content":"I am <EMAIL_1>"},{"role":"assistant","content":"Hi <EMAIL_1>"}]}""" + "\n", output);
    }

    [Theory]
    [InlineData(true, "<EMAIL_2>")]
    [InlineData(false, "<EMAIL_1>")]
    public void AnonymizeJsonl_Consistent_KeepsPlaceholdersAcrossRecordsOnlyWhenAsked(bool consistent, string secondRecordPlaceholder)
    {
        const string input = """
            {"text": "from a@example.com to b@example.com"}
            {"text": "again b@example.com"}
            """;

        var (output, _) = RunJsonl(input, new() { Consistent = consistent });

        Assert.Equal("{\"text\":\"again " + secondRecordPlaceholder + "\"}", output.Split('\n')[1]);
    }

    [Fact]
    public void AnonymizeJsonl_RedactMode_WritesTheKindOnly()
    {
        var (output, _) = RunJsonl("""{"text": "key sk-proj-Abc123Def456Ghi789Jkl012Mno345 from 10.0.0.12"}""", new() { Mode = PrivacyMode.Redact });

        Assert.Equal("""{"text":"key [REDACTED:secret] from [REDACTED:ip]"}""" + "\n", output);
    }

    [Fact]
    public void AnonymizeJsonl_CustomDetectorAndAllowList_ReplaceTheirsAndKeepAllowed()
    {
        var options = new DatasetAnonymizerOptions();
        options.Detectors.Add(new EmployeeIdDetector());
        options.AllowList.Add("support@example.com");

        var (output, report) = RunJsonl("""{"text": "EMP-12345 wrote to support@example.com and jane@example.com"}""", options);

        Assert.Equal("""{"text":"<EMPLOYEE_ID_1> wrote to support@example.com and <EMAIL_1>"}""" + "\n", output);
        Assert.Equal(1, report.Replacements["EMPLOYEE_ID"]);
    }

    [Fact]
    public void AnonymizeJsonl_NonAsciiText_StaysReadable()
    {
        var (output, _) = RunJsonl("""{"text": "José schreibt an josé.garcía@correo.es"}""", new());

        Assert.Equal("""{"text":"José schreibt an <EMAIL_1>"}""" + "\n", output);
    }

    [Fact]
    public void AnonymizeJsonl_MalformedLine_ThrowsNamingFileLineAndFix()
    {
        const string input = """
            {"text": "fine"}
            {"text": "broken"
            """;

        var error = Assert.Throws<DatasetException>(() => RunJsonl(input, new(), "traffic.jsonl"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("traffic.jsonl", 2), (problem.Path, problem.Line));
        Assert.Contains("Dataset 'traffic.jsonl' line 2 is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("fix the line or remove it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnonymizeJsonl_LineNotAnObject_ThrowsNamingLine()
    {
        var error = Assert.Throws<DatasetException>(() => RunJsonl("[1, 2]", new(), "traffic.jsonl"));

        Assert.Contains("line 1 is a JSON array, not an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnonymizeJsonl_RecordWithoutNamedField_ThrowsNamingLineFieldAndItsFields()
    {
        const string input = """
            {"question": "a", "answer": "b"}
            {"question": "c", "answr": "d"}
            """;
        var options = new DatasetAnonymizerOptions();
        options.Fields.Add("answer");

        var error = Assert.Throws<DatasetException>(() => RunJsonl(input, options, "qa.jsonl"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((2, "answer"), (problem.Line, problem.Field));
        Assert.Contains("Dataset 'qa.jsonl' line 2 has no field 'answer' (its fields: question, answr)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnonymizeCsv_ColumnNamed_RewritesOnlyThatColumnAndQuotesWhereNeeded()
    {
        const string input = "id,body,notes\n1,\"Call me, please: +1 (415) 555-0132\",jane@example.com\n2,nothing here,\n";
        var options = new DatasetAnonymizerOptions();
        options.Fields.Add("body");

        var (output, report) = RunCsv(input, options);

        Assert.Equal("id,body,notes\n1,\"Call me, please: <PHONE_1>\",jane@example.com\n2,nothing here,\n", output.ReplaceLineEndings("\n"));
        Assert.Equal((2, 1, 1), (report.Records, report.RecordsChanged, report.FieldsChanged));
    }

    [Fact]
    public void AnonymizeCsv_UnknownColumn_ThrowsNamingFileAndTheColumnsThereAre()
    {
        var options = new DatasetAnonymizerOptions();
        options.Fields.Add("mail");

        var error = Assert.Throws<DatasetException>(() => RunCsv("id,email\n1,a@b.io\n", options, "users.csv"));

        Assert.Equal("mail", Assert.Single(error.Problems).Field);
        Assert.Contains("Dataset 'users.csv' has no column 'mail' (its columns: id, email)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnonymizeCsv_RowWithOtherFieldCount_ThrowsNamingLine()
    {
        var error = Assert.Throws<DatasetException>(() => RunCsv("id,email\n1,a@b.io\n2,c@d.io,extra\n", new(), "users.csv"));

        Assert.Contains("Dataset 'users.csv' line 3 has 3 fields but the header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_BlockMode_ThrowsSayingWhichModesWork()
    {
        var error = Assert.Throws<ArgumentException>(() => new DatasetAnonymizer(new() { Mode = PrivacyMode.Block }));

        Assert.Contains("Use Pseudonymize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnonymizeFile_MalformedLine_LeavesNoOutputFile()
    {
        var folder = Directory.CreateTempSubdirectory("llmops-anon-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.jsonl");
            File.WriteAllText(input, "{\"text\": \"a@b.io\"}\nnot json\n");
            var output = Path.Combine(folder, "out.jsonl");

            Assert.Throws<DatasetException>(() => new DatasetAnonymizer().AnonymizeFile(input, output));

            Assert.Equal(["in.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnonymizeFile_Tsv_ReadsTabSeparatedColumns()
    {
        var folder = Directory.CreateTempSubdirectory("llmops-anon-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.tsv");
            File.WriteAllText(input, "id\temail\n1\tjane@example.com\n");
            var output = Path.Combine(folder, "out.tsv");

            var report = new DatasetAnonymizer().AnonymizeFile(input, output);

            Assert.Equal("id\temail\n1\t<EMAIL_1>\n", File.ReadAllText(output).ReplaceLineEndings("\n"));
            Assert.Equal(1, report.TotalReplacements);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnonymizeJsonl_200000LinesFromNonSeekableStream_WritesBeforeTheInputIsRead()
    {
        const int lines = 200_000;
        using var input = new GeneratedJsonl(lines);
        using var output = new CountingSink(input);

        var report = new DatasetAnonymizer().AnonymizeJsonl(input, output, "generated.jsonl");

        Assert.Equal(lines, report.Records);
        Assert.Equal(lines / 2, report.Replacements["EMAIL"]);
        Assert.True(output.InputReadAtFirstWrite < input.TotalLength / 100,
            $"The first output was written after {output.InputReadAtFirstWrite} of {input.TotalLength} input bytes were read: the file was not streamed.");
        Assert.True(output.Length > input.TotalLength / 2, $"Only {output.Length} bytes were written.");
    }

    private static (string Output, DatasetAnonymizationReport Report) RunJsonl(string input, DatasetAnonymizerOptions options, string name = "input")
    {
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var target = new MemoryStream();
        var report = new DatasetAnonymizer(options).AnonymizeJsonl(source, target, name);
        return (Encoding.UTF8.GetString(target.ToArray()), report);
    }

    private static (string Output, DatasetAnonymizationReport Report) RunCsv(string input, DatasetAnonymizerOptions options, string name = "input")
    {
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var target = new MemoryStream();
        var report = new DatasetAnonymizer(options).AnonymizeCsv(source, target, name);
        return (Encoding.UTF8.GetString(target.ToArray()), report);
    }

    private sealed class EmployeeIdDetector : IPiiDetector
    {
        public void Detect(string text, ICollection<PiiFinding> findings)
        {
            var index = text.IndexOf("EMP-", StringComparison.Ordinal);
            if (index >= 0)
            {
                findings.Add(new PiiFinding("EMPLOYEE_ID", index, 9));
            }
        }
    }

    /// <summary>A forward-only stream of generated JSONL, made as it is read, that cannot seek or tell its length.</summary>
    private sealed class GeneratedJsonl(int lines) : Stream
    {
        private byte[] _pending = [];
        private int _offset;
        private int _line;

        public long BytesRead { get; private set; }

        public long TotalLength { get; } = Enumerable.Range(0, lines).Sum(i => (long)Encoding.UTF8.GetByteCount(Line(i)));

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_line == lines)
                {
                    return 0;
                }

                _pending = Encoding.UTF8.GetBytes(Line(_line++));
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesRead += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static string Line(int i) => i % 2 == 0
            ? $"{{\"id\": {i}, \"text\": \"user{i}@example.com asked about order {i}\"}}\n"
            : $"{{\"id\": {i}, \"text\": \"nothing personal in line {i}\"}}\n";
    }

    /// <summary>A forward-only sink that keeps only how much it got, and how much input had been read when it first got some.</summary>
    private sealed class CountingSink(GeneratedJsonl input) : Stream
    {
        private long _length;

        public long InputReadAtFirstWrite { get; private set; } = -1;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (InputReadAtFirstWrite < 0 && count > 0)
            {
                InputReadAtFirstWrite = input.BytesRead;
            }

            _length += count;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
