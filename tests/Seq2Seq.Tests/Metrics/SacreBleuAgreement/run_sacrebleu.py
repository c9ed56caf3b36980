#!/usr/bin/env python3
"""Scores every corpus in this folder with sacreBLEU and writes expected.tsv.

    PYTHONPATH=/path/to/sacrebleu-src python3 run_sacrebleu.py

sacreBLEU itself is not part of this repository (see docs/metrics.md, "Checked against sacreBLEU itself").
Settings are sacreBLEU's defaults (BLEU: 13a, exp smoothing; chrF: nc 6, nw 0, beta 2), cased and lowercased.
"""
import glob
import os

from sacrebleu.metrics import BLEU, CHRF

HERE = os.path.dirname(os.path.abspath(__file__))


def read_lines(path):
    # Same splitting as the workbook CLI (and sacreBLEU's CLI): UTF-8, lines end at '\n', a trailing '\r' dropped.
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def main():
    rows = []
    for hyp_path in sorted(glob.glob(os.path.join(HERE, "*.hyp"))):
        name = os.path.basename(hyp_path)[:-4]
        ref_files = sorted(glob.glob(os.path.join(HERE, name + ".ref*")))
        hyps = read_lines(hyp_path)
        refs = [read_lines(p) for p in ref_files]
        for metric in ("bleu", "chrf"):
            for lowercase in (False, True):
                m = BLEU(lowercase=lowercase) if metric == "bleu" else CHRF(lowercase=lowercase)
                score = m.corpus_score(hyps, refs)
                line = score.format()
                rows.append((name, metric, "lc" if lowercase else "mixed", len(refs), f"{score.score:.2f}",
                             repr(score.score), line, m.get_signature().format()))
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# sacreBLEU scores of the corpora in this folder; written by run_sacrebleu.py (see docs/metrics.md).\n")
        f.write("corpus\tmetric\tcase\tnrefs\tscore\tscore_full\tline\tsacrebleu_signature\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    for r in rows:
        print(f"{r[0]:14} {r[1]:4} {r[2]:5} {r[5]:>20}  {r[6]}")


if __name__ == "__main__":
    main()
