namespace Seq2Seq.Data;

/// <summary>The Multi30k task-1 splits: train (29,000), val (1,014), test 2016 Flickr (1,000 sentences).</summary>
public enum Multi30kSplit { Train, Val, Test2016Flickr }
