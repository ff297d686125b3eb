using Styra.Data;
using Styra.Features.Plans.PlanFiles;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Plans.PlanFiles;

public sealed class PlanFileSchemaTests
{
    [Fact]
    public void EveryShippedPlanFile_ReadsWithoutErrors()
    {
        var files = DemoData.Files().Append(("region-exempel.yaml", PlanFileSamples.Read("region-exempel.yaml"))).ToList();
        Assert.Equal(3, files.Count);
        foreach (var (name, text) in files)
        {
            var result = PlanFileReader.Read(text, name);
            Assert.True(result.Succeeded, $"{name}: {string.Join("\n", result.Errors)}");
        }
    }

    [Fact]
    public void Read_ReportsEveryProblem_NotOnlyTheFirst()
    {
        var text = PlanFileSamples.Read("region-exempel.yaml")
            .Replace("kind: committee", "kind: nämnd")
            .Replace("validFrom: 2025", "validFrom: tjugofem");
        var result = PlanFileReader.Read(text, "x.yaml");
        Assert.True(result.Errors.Count >= 3, string.Join("\n", result.Errors));
        Assert.Contains(result.Errors, e => e.Path == "units[2].kind");
        Assert.Contains(result.Errors, e => e.Path == "plans[0].validFrom");
    }
}
