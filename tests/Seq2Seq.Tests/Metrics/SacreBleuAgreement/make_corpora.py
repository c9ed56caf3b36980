#!/usr/bin/env python3
"""Writes the agreement corpora in this folder (deterministic: fixed seeds, our own template sentences).

    python3 make_corpora.py            # rewrites *.hyp / *.ref*

Every corpus is <name>.hyp plus <name>.ref (and <name>.ref2 for multi-reference), UTF-8, LF line ends.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

SUBJECTS = ["The committee", "A young woman", "Two engineers", "The old farmer", "Our neighbours", "The city council",
            "A group of students", "The company", "Her brother", "The small dog", "Several tourists", "The minister",
            "A local reporter", "The research team", "My grandmother", "The new manager", "Three children", "The pilot"]
VERBS = ["approved", "rejected", "discussed", "painted", "repaired", "visited", "described", "ignored", "announced",
         "carried", "found", "lost", "studied", "built", "cleaned", "measured", "sold", "ordered"]
OBJECTS = ["the budget", "a wooden fence", "the old bridge", "a detailed report", "the river bank", "two red bicycles",
           "the market square", "a strange noise", "the final plan", "the school library", "a heavy suitcase",
           "the museum", "a new contract", "the broken window", "an empty bottle", "the garden wall"]
PLACES = ["in the morning", "after the meeting", "near the station", "last week", "on Sunday", "during the storm",
          "in front of the hotel", "before lunch", "at the harbour", "without any help", "for the first time",
          "despite the rain", "in 2019", "on 3 May", "at about 10.30", "outside the town"]
CLAUSES = ["because it was necessary", "although nobody asked", "and then went home", "while the others waited",
           "so that everyone could see", "but the results were unclear", "which surprised many people",
           "as they had promised", "even though it cost 1,250 euros", "when the lights went out"]
SUBST = {"approved": "accepted", "rejected": "refused", "discussed": "talked about", "painted": "coloured",
         "repaired": "fixed", "visited": "went to", "described": "explained", "ignored": "overlooked",
         "announced": "declared", "carried": "took", "found": "discovered", "built": "constructed",
         "old": "ancient", "young": "little", "small": "tiny", "heavy": "big", "new": "recent", "strange": "odd",
         "morning": "early hours", "meeting": "session", "station": "railway station", "storm": "thunderstorm",
         "children": "kids", "report": "account", "company": "firm", "town": "city"}
FILLER = ["really", "also", "then", "quickly", "the", "a", "very", "of", "there", "yesterday"]


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}"
    if rng.random() < 0.5:
        s += ", " + rng.choice(CLAUSES)
    if rng.random() < 0.2:
        s += " " + rng.choice(PLACES)
    return s + rng.choice([".", ".", ".", "!", "?", "."])


def noisy(ref, rng, rate):
    words = ref.split()
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        r = rng.random()
        bare = w.strip(".,!?")
        if r < rate * 0.3:                      # drop
            i += 1
            continue
        if r < rate * 0.6 and bare in SUBST:    # synonym
            w = w.replace(bare, SUBST[bare])
        elif r < rate * 0.75 and i + 1 < len(words):  # swap with the next word
            out += [words[i + 1], w]
            i += 2
            continue
        elif r < rate * 0.9:                    # insert a filler word
            out.append(rng.choice(FILLER))
        elif r < rate:                          # detach / lose punctuation
            w = bare if w != bare and rng.random() < 0.5 else w
        out.append(w)
        i += 1
    if rng.random() < rate * 0.5 and len(out) > 4:   # truncated output
        out = out[: rng.randint(2, len(out) - 1)]
    return " ".join(out)


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            assert "\n" not in line and "\r" not in line
            f.write(line + "\n")


def realistic(name, n, rate, seed):
    rng = random.Random(seed)
    refs = [sentence(rng) for _ in range(n)]
    hyps = [noisy(r, rng, rate) for r in refs]
    write(name + ".hyp", hyps)
    write(name + ".ref", refs)


def multiref(name, n, seed):
    rng = random.Random(seed)
    refs = [sentence(rng) for _ in range(n)]
    refs2 = ["" if rng.random() < 0.15 else noisy(r, rng, 0.3) for r in refs]   # "" = no second reference
    hyps = [noisy(r, rng, 0.4) for r in refs]
    write(name + ".hyp", hyps)
    write(name + ".ref", refs)
    write(name + ".ref2", refs2)


PAIRS = {
    # empty hypotheses, one- and two-word lines, identical lines, whitespace-only lines
    "short_empty": [
        ("", "The meeting was cancelled."),
        ("Yes.", "Yes."),
        ("No", "No."),
        ("", "Thank you very much!"),
        ("Hello world", "Hello, world!"),
        ("   ", "Okay."),
        ("Stop", "Stop!"),
        ("Good morning.", "Good morning."),
        ("", "A"),
        ("a", "A"),
        ("It rains.", "It is raining."),
        ("Why?", "Why not?"),
        ("He left early.", "He left early."),
        ("", "See you tomorrow."),
        ("Fine thanks", "Fine, thanks."),
        ("I", "I"),
        ("We won!", "We lost."),
        ("Of course.", "Certainly."),
        ("  Leading spaces.", "Leading spaces."),
        ("Trailing spaces.   ", "Trailing spaces."),
        ("Tabs\tbetween\twords.", "Tabs between words."),
        ("", "The end."),
        ("Open the door.", "Please open the door."),
        ("Ok", "OK"),
    ],
    # 13a tokenization: punctuation, quotes, numbers with separators, HTML escapes, hyphens, symbols
    "punct_numbers": [
        ('He said "yes", then left.', 'He said "yes" and then left.'),
        ("It costs 1,000.50 dollars.", "It costs 1,000.50 dollars."),
        ("It costs 1.000,50 euros.", "The price is 1,000.50 euros."),
        ("The year was 1990.", "It was in 1990."),
        ("Scores rose by 12.5% in 2020-2021.", "Scores rose 12.5 % in 2020 - 2021."),
        ("&quot;Hello&quot; &amp; goodbye &lt;3", '"Hello" & goodbye <3'),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("a state-of-the-art system", "a state-of-the-art system"),
        ("the so-called \"experts\"", "the so called experts"),
        ("U.S.A. and U.K. officials met.", "US and UK officials met."),
        ("Call me at 555-1234, please.", "Please call me at 555-1234."),
        ("It's John's book, isn't it?", "It is John's book, is it not?"),
        ("(see page 12)", "(see p. 12)"),
        ("[note] {draft} <b>bold</b>", "[note] {draft} <b>bold</b>"),
        ("$5 or €5 or £5?", "5 $ or 5 € or 5 £?"),
        ("Wait... what?!", "Wait ... what ?!"),
        ("email: info@example.com; web: http://example.com/a_b", "email info@example.com web http://example.com/a_b"),
        ("3.14159 is pi, 2.71828 is e.", "Pi is 3.14159 and e is 2.71828."),
        ("10,000 people; 20.000 cars.", "10,000 people and 20,000 cars."),
        ("A-B-C", "A - B - C"),
        ("5-6 hours", "5 - 6 hours"),
        ("x+y=z * 2 / 4 ^ 3 | ~ ` _", "x + y = z * 2 / 4 ^ 3 | ~ ` _"),
        ("He shouted: 'Run!'", "He shouted 'Run!'"),
        ("<skipped> text after skip", "text after skip"),
        ("&gt;&gt; quoted reply", "> > quoted reply"),
        ("O'Neil's co-worker, Mr. Smith, arrived at 9:30.", "O'Neil's co-worker Mr Smith arrived at 9:30."),
        ("The 1st, 2nd and 3rd prizes.", "The first, second and third prizes."),
        ("Temperature: -5 degrees.", "The temperature was -5 degrees."),
        ("## heading ##", "# heading #"),
        ("Done.", "Done ."),
    ],
    # non-ASCII: German, French, Spanish, Greek, Russian, CJK, emoji (astral), NBSP and other Unicode spaces
    "unicode": [
        ("Der Bär läuft über die Straße.", "Der Bär geht über die Straße."),
        ("Müller & Söhne GmbH", "Müller und Söhne GmbH"),
        ("L'élève a réussi l'examen.", "L'étudiant a réussi l'examen."),
        ("C'est déjà l'été, à Noël ?", "C'est déjà l'été ; à Noël ?"),
        ("¿Dónde está la estación?", "¿Dónde está la estación de tren?"),
        ("Η Αθήνα είναι όμορφη.", "Η Αθήνα είναι πολύ όμορφη."),
        ("Москва — столица России.", "Москва является столицей России."),
        ("我爱北京天安门。", "我爱北京的天安门。"),
        ("東京は日本の首都です", "日本の首都は東京です"),
        ("서울은 한국의 수도입니다.", "서울은 대한민국의 수도입니다."),
        ("I love 🍕 and 🍣!", "I love pizza 🍕 and sushi 🍣!"),
        ("Family: 👨‍👩‍👧 emoji", "Family 👨‍👩‍👧 emoji"),
        ("Math: 𝑥² + 𝑦² = 𝑧²", "Math 𝑥² + 𝑦² = 𝑧²"),
        ("non\u00a0breaking\u00a0space", "non breaking space"),
        ("em\u2003space and thin\u2009space", "em space and thin space"),
        ("ideographic\u3000space", "ideographic space"),
        ("zero\u200bwidth space", "zero width space"),
        ("unit\u001fseparator", "unit separator"),
        ("naïve café résumé", "naive cafe resume"),
        ("Ærøskøbing in Ærø", "Aeroskobing in Aero"),
        ("İstanbul'da ağır yağmur", "istanbul'da ağır yağmur"),
        ("Straße STRASSE straße", "strasse Straße STRASSE"),
        ("“Curly quotes” and ‘single’ ones…", "\"Curly quotes\" and 'single' ones..."),
        ("en–dash and em—dash", "en - dash and em - dash"),
        ("½ cup, ¾ done, 2³", "1/2 cup, 3/4 done, 2^3"),
        ("Ünïcödé wörds everywhere", "Unicode words everywhere"),
        ("Œuvre complète", "Oeuvre complète"),
        ("ĳ ligature and ﬁ ligature", "ij ligature and fi ligature"),
    ],
    # casing: scored cased and lowercased
    "casing": [
        ("THE CAT SAT ON THE MAT.", "The cat sat on the mat."),
        ("the cat sat on the mat.", "The cat sat on the mat."),
        ("The Cat Sat On The Mat.", "The cat sat on the mat."),
        ("iPhone and IPHONE", "iPhone and iPhone"),
        ("NEW YORK is big", "New York is big"),
        ("ÜBER ÄRGER ÖFTER", "über Ärger öfter"),
        ("ÉCOLE FRANÇAISE", "École française"),
        ("ΟΔΟΣ ΑΘΗΝΑΣ", "Οδος Αθηνας"),
        ("ΣΟΦΟΣ ΣΟΦΙΑ", "σοφος σοφια"),
        ("GROSS and GROß", "groß and gross"),
        ("İZMİR and IZMIR", "izmir and İzmir"),
        ("McDonald's MCDONALD'S", "mcdonald's McDonald's"),
        ("DNA, RNA and mRNA", "dna, rna and MRNA"),
        ("Hello World", "hello world"),
        ("ОН СКАЗАЛ ПРИВЕТ", "Он сказал привет"),
        ("ǅemal and ǄEMAL", "ǆemal and ǆemal"),
        ("A B C D E F", "a b c d e f"),
        ("The END", "the end"),
        ("WHAT IS THIS? Nothing.", "What is this? Nothing."),
        ("ÇA VA? Très Bien.", "Ça va ? Très bien."),
        ("ΤΟΥΣ.ΑΝΘΡΩΠΟΥΣ ΣΑΣ' Σ ΑΣ-Β ΟΔΟΣ.", "τους.ανθρωπους σας' σ ας-β οδος."),
    ],
}


def pairs(name, rows):
    write(name + ".hyp", [h for h, _ in rows])
    write(name + ".ref", [r for _, r in rows])


if __name__ == "__main__":
    realistic("news_light", 250, 0.15, seed=1)
    realistic("news_heavy", 300, 0.45, seed=2)
    realistic("news_medium", 120, 0.3, seed=3)
    multiref("multiref", 150, seed=4)
    for name, rows in PAIRS.items():
        pairs(name, rows)
