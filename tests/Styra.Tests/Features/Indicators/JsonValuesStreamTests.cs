using System.Text;
using System.Text.Json;
using Styra.Features.Indicators.Imports;

namespace Styra.Tests.Features.Indicators;

/// <summary>The streaming reader of Kolada answers: elements across chunk boundaries, large elements, skipped properties.</summary>
public sealed class JsonValuesStreamTests
{
    /// <summary>A stream that hands out at most a few bytes per read, as a slow network or disk might.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], ct);
    }

    private static async Task<(List<string> Elements, string? NextUrl)> ReadAsync(string json, int chunk)
    {
        var reader = new JsonValuesStream();
        var elements = new List<string>();
        await foreach (var e in reader.ValuesAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), chunk), CancellationToken.None))
            elements.Add(Encoding.UTF8.GetString(e.Span));
        return (elements, reader.NextUrl);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Elements_LargeOnesAndThoseAcrossChunks_ComeOutWhole_AndOtherPropertiesAreSkipped(int chunk)
    {
        var big = new string('å', 150_000); // 300 kB in UTF-8: larger than the first buffer
        var json = $$"""
            {"meta": {"note": "{{big}}", "list": [1, 2, {"x": "]}"}]},
             "values": [ {"kpi":"N00923","n":1}, {"kpi":"N00925","description":"{{big}}"}, 3, "text" ],
             "count": 4, "next_url": "https://api.kolada.se/v3/data?page=2"}
            """;

        var (elements, next) = await ReadAsync(json, chunk);

        Assert.Equal(4, elements.Count);
        Assert.Equal("""{"kpi":"N00923","n":1}""", elements[0]);
        Assert.Equal(big, JsonDocument.Parse(elements[1]).RootElement.GetProperty("description").GetString());
        Assert.Equal(["3", "\"text\""], elements[2..]);
        Assert.Equal("https://api.kolada.se/v3/data?page=2", next);
    }

    [Theory]
    [InlineData("{\"values\": [ {\"kpi\": 1}, ", "line 1")]
    [InlineData("{\"values\": [ {\"kpi\": 1} }", "line 1")]
    [InlineData("{\"values\": [\n {\"kpi\": 1},\n {\"kpi\" 2}]}", "line 3")]
    public async Task MalformedJson_IsReported_WithItsLine(string json, string line)
    {
        var e = await Assert.ThrowsAnyAsync<JsonException>(() => ReadAsync(json, 5));
        Assert.Equal(line, $"line {e.LineNumber + 1}");
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{\"values\": {\"a\": 1}}")]
    [InlineData("{\"count\": 0}")]
    public async Task AnythingButAnObjectWithAValuesArray_IsRefused(string json)
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(json, 3));
        Assert.Contains("\"values\" array", e.Message);
    }
}
