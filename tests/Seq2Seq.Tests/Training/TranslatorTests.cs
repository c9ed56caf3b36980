using Seq2Seq.Text;
using Seq2Seq.Training;
using TorchSharp;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class TranslatorTests
{
    [Fact]
    public void LongSourcesAreCutToMaxSourceTokens()
    {
        // A model that sorts: cut to 3 ids, "9 8 7 6" is translated as "9 8 7" is ("7 8 9"), not as the whole ("6 7 8 9").
        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            torch.manual_seed(3);
            using var model = new TinySeq2Seq(10, 24, dropout: 0);
            using (var trainer = new Trainer(model, new TrainerOptions(WarmupSchedule.LinearInverseSqrt(peak: 1e-2, warmupSteps: 20), MaxEpochs: 0, MaxSteps: 300)))
                trainer.Fit(TinySeq2Seq.SortBatches(20, 16, 10, 4, seed: 1));                            // learns to sort up to 4 ids
            var vocab = Vocabulary.FromTokens([.. SpecialTokens.All, .. Enumerable.Range(4, 6).Select(i => i.ToString())]);
            var decode = new Seq2Seq.Decoding.DecodeOptions(MaxLength: 8);
            var (sentence, start) = ("9 8 7 6", "9 8 7");
            var cut = new Translator(model, vocab, vocab, decode: decode, maxSourceTokens: 3).Translate([sentence, start]);
            var whole = new Translator(model, vocab, vocab, decode: decode).Translate([sentence, start]);
            Assert.Equal(["6 7 8 9", "7 8 9"], whole);                                                  // the model sorts
            Assert.Equal(cut[1], cut[0]);
            Assert.Equal(whole[1], cut[0]);
        }
        finally { torch.set_num_threads(threads); }
    }
}
