using System.CommandLine;
using Workbook.Cli;
using Workbook.Training;

namespace Workbook.Tests.Commands;

/// <summary>The recipe options of `workbook train` replace exactly the field they name, and a budget or an epoch
/// count decides how the run ends.</summary>
public sealed class ProfileOverridesTests
{
    private static TrainProfile Apply(params string[] args)
    {
        var recipe = new ProfileOverrides();
        var command = new Command("train");
        foreach (var option in recipe.Symbols.Cast<Option>()) command.Options.Add(option);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return recipe.Apply(TrainProfile.Laptop, parsed);
    }

    [Fact]
    public void WithoutOptionsTheLaptopProfileIsItsOwnRecipe()
    {
        Assert.Equal(TrainProfile.Laptop, Apply());
        Assert.Equal(60, TrainProfile.Laptop.BudgetMinutes);
    }

    [Fact]
    public void EachRecipeOptionReplacesItsField()
    {
        var p = Apply("--layers", "3", "--d-model", "256", "--heads", "8", "--ff", "512", "--dropout", "0.3", "--pre-norm",
            "--bpe-vocab", "6000", "--max-tokens", "2048", "--lr", "1e-3", "--warmup", "500", "--cooldown", "0.2",
            "--label-smoothing", "0.2", "--average", "10", "--validate-every", "3", "--loss-chunk", "256", "--patience", "4",
            "--length-penalty", "1.0", "--beam", "4");
        Assert.Equal((3, 3, 256, 8, 512, 0.3, true), (p.Model.EncoderLayers, p.Model.DecoderLayers, p.Model.DModel, p.Model.Heads, p.Model.FeedForward, p.Model.Dropout, p.Model.PreNorm));
        Assert.Equal((6000, 2048, 10, 3, 1.0, 4), (p.BpeVocab, p.MaxTokens, p.Average, p.ValidateEvery, p.LengthPenalty, p.FinalBeam));
        var s = p.Trainer.EffectiveSchedule;
        Assert.Equal((1e-3, 500, 0.2), (s.Rate, s.WarmupSteps, s.Cooldown));
        Assert.Equal((0.2, 256, 4), (p.Trainer.LabelSmoothing, p.Trainer.LossChunkTokens, p.Trainer.Patience));
        Assert.Equal(TrainProfile.Laptop.Model.MaxLength, p.Model.MaxLength);      // untouched fields stay
        Assert.Equal(TrainProfile.Laptop.Trainer.Seed, p.Trainer.Seed);
    }

    [Theory]
    [InlineData(new string[0], 60.0, 0)]
    [InlineData(new[] { "--epochs", "20" }, null, 20)]                 // an exact reproduction: no time limit
    [InlineData(new[] { "--epochs", "20", "--budget", "30" }, 30.0, 20)]
    [InlineData(new[] { "--budget", "90s" }, 1.5, 0)]
    public void ABudgetOrAnEpochCountEndsTheRun(string[] args, double? minutes, int epochs)
    {
        var p = Apply(args);
        Assert.Equal(minutes, p.BudgetMinutes);
        Assert.Equal(epochs, p.Trainer.MaxEpochs);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("s")]
    public void ABudgetThatIsNotAPositiveTimeIsAUsageErrorQuotingIt(string budget)
    {
        var e = Assert.Throws<UsageException>(() => Apply("--budget", budget));
        Assert.Contains($"'{budget}'", e.Message);
    }
}
