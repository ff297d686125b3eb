using Styra.Features.Organisation;

namespace Styra.Tests.Features.Organisation;

public sealed class RegionCodeTests
{
    [Fact]
    public void KoladaId_PrefixesTwoZeros() => Assert.Equal("0013", new RegionCode("13").KoladaId);

    [Theory]
    [InlineData("1")]
    [InlineData("013")]
    [InlineData("AB")]
    [InlineData("")]
    public void Construction_RejectsAnythingButTwoDigits(string value) =>
        Assert.Throws<ArgumentException>(() => new RegionCode(value));

    [Fact]
    public void Equality_ByValue() => Assert.Equal(new RegionCode("12"), new RegionCode("12"));
}
