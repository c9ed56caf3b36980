using System.Globalization;

namespace Seq2Seq.Metrics;

/// <summary>A chrF result, formatted like sacreBLEU: <c>chrF2 = 64.13</c> (<c>chrF2++</c> with word order 2).</summary>
public sealed record ChrfScore(double Score, int Beta, int CharOrder, int WordOrder)
{
    public string Name => $"chrF{Beta}" + new string('+', WordOrder);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} = {Score:F2}");
}
