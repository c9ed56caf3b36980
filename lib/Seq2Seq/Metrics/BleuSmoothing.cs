namespace Seq2Seq.Metrics;

/// <summary>sacreBLEU's smoothing methods (Chen and Cherry 2014): none, floor (method 1), add-k (method 2),
/// exp (method 3, NIST/mteval-v13a; the default).</summary>
public enum BleuSmoothing { None, Floor, AddK, Exp }
