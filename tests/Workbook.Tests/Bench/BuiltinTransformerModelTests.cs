using Seq2Seq.Transformer;
using TorchSharp;
using Workbook.Bench;
using static TorchSharp.torch;

namespace Workbook.Tests.Bench;

[Collection(LibtorchCollection.Name)]
public sealed class BuiltinTransformerModelTests
{
    [Fact]
    public void BuiltinModelIsCausalAndHasTheSameShapesAsOurs()
    {
        // The benchmark is only fair if the built-in model does the same job: [B, T, V] logits, and position t
        // never sees target tokens after t.
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            torch.manual_seed(3);
            var config = TransformerConfig.Tiny.WithVocab(30, 30);
            using var model = new BuiltinTransformerModel(config);
            model.eval();
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var src = torch.randint(4, 30, [2, 6], dtype: ScalarType.Int64);
            var tgt = torch.randint(4, 30, [2, 5], dtype: ScalarType.Int64);
            var changed = tgt.clone();
            changed[.., 4] = (tgt[.., 4] + 1).remainder(26) + 4;   // only the last position differs

            var a = model.call(src, tgt);
            var b = model.call(src, changed);
            Assert.Equal(new long[] { 2, 5, 30 }, a.shape);
            Assert.True((a[.., ..4] - b[.., ..4]).abs().max().item<float>() < 1e-5, "earlier positions saw the last target token");
            Assert.True((a[.., 4] - b[.., 4]).abs().max().item<float>() > 1e-4, "the last position ignored its own input");
        }
        finally { torch.set_num_threads(threads); }
    }
}
