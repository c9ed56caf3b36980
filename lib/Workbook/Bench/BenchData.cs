using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Random but reproducible token batches (ids in [4, V), no padding), drawn on the CPU and moved to the
/// device: speed doesn't depend on the
/// words, and a fixed batch lets the training loss show that both models really learn.</summary>
internal static class BenchData
{
    /// <summary>Source [B, S]; TgtIn = BOS + y [B, T]; TgtOut = y + EOS [B, T] (y: T-1 random ids).</summary>
    public static (Tensor Src, Tensor TgtIn, Tensor TgtOut) TrainingBatch(BenchSettings s, ulong seed, Device device)
    {
        using var generator = new torch.Generator(seed);
        var src = Ids(s.Batch, s.SourceLength, s.Model.SourceVocabSize, generator);                  // [B, S]
        var y = Ids(s.Batch, s.TargetLength - 1, s.Model.TargetVocabSize, generator);                // [B, T-1]
        var bos = torch.full(s.Batch, 1, SpecialTokens.Bos, dtype: ScalarType.Int64);                // [B, 1]
        var eos = torch.full(s.Batch, 1, SpecialTokens.Eos, dtype: ScalarType.Int64);
        return (src.to(device), torch.cat([bos, y], 1).to(device), torch.cat([y, eos], 1).to(device));   // [B, T] each
    }

    /// <summary>Sources to decode: [n, S].</summary>
    public static Tensor Sources(BenchSettings s, int n, ulong seed, Device device)
    {
        using var generator = new torch.Generator(seed);
        return Ids(n, s.SourceLength, s.Model.SourceVocabSize, generator).to(device);
    }

    private static Tensor Ids(int rows, int length, int vocab, Generator generator) =>
        torch.randint(SpecialTokens.All.Count, vocab, [rows, length], dtype: ScalarType.Int64, generator: generator);
}
