"""Learn the claim cue list from attribution-annotated articles (PolNeAR training split).

    python -m storyline.extract.claim_cues ../shared/eval/claims/polnear_train.jsonl

For every verb that could be a cue (it has a speaker and something it could report, see
``claims.cue_candidate``) and every kind of content it has, count how often the training
annotation holds an attribution with that verb in its cue and that content (sharing at least
half of the longer span's words, as the ``claims`` eval task scores). The counts go to
``extract/data/claim_cues.tsv``; ``claims.claim_cues`` keeps a lemma's kind when enough of
its uses were attributions. Only counts are shipped: no sentence of the training text.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline.evaluate.scorers import share_of_longer, token_ids
from storyline.extract.claims import CUES_FILE, cue_candidate, quotation_spans
from storyline.models import nlp

HEADER = """\
# storyline claim cues, learned by `python -m storyline.extract.claim_cues` from the PolNeAR
# training articles: lemma<TAB>kind<TAB>attributions<TAB>uses, where uses counts the verbs
# with that lemma that had a speaker and content of that kind, and attributions how many of
# them the annotators marked as attributions with that content.
"""

Stats = Counter[tuple[str, str]]


def count_cues(items: Sequence[dict[str, Any]], docs: Iterable[Doc]) -> tuple[Stats, Stats]:
    """(uses, attributions) per (lemma, content kind) over annotated articles."""
    uses: Stats = Counter()
    hits: Stats = Counter()
    for item, doc in zip(items, docs, strict=True):
        gold = _gold(item)
        quotes = quotation_spans(doc.text)
        for token in doc:
            candidate = cue_candidate(token, quotes)
            if candidate is None:
                continue
            lemma = token.lemma_.lower()
            for kind, span in candidate[1]:
                uses[lemma, kind] += 1
                words = token_ids(doc.text, [span])
                hits[lemma, kind] += any(
                    token.idx in cue and _overlap50(words, content) for cue, content in gold
                )
    return uses, hits


def _gold(item: dict[str, Any]) -> list[tuple[set[int], frozenset[int]]]:
    """(character offsets of the cue, word ids of the content) of each attribution."""
    text = item["text"]
    return [
        ({i for s in a["cue"] for i in range(s["start"], s["end"])},
         token_ids(text, [(s["start"], s["end"]) for s in a["content"]]))
        for a in item["attributions"] if a.get("content") and a.get("cue")
    ]


def _overlap50(a: frozenset[int], b: frozenset[int]) -> bool:
    return bool(a) and share_of_longer(a, b) >= 0.5


def write_cues(uses: Stats, hits: Stats, path: Path) -> None:
    rows = sorted((lemma, kind) for (lemma, kind), n in hits.items() if n > 0)
    lines = [f"{lemma}\t{kind}\t{hits[lemma, kind]}\t{uses[lemma, kind]}" for lemma, kind in rows]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="PolNeAR-style JSONL (id, text, attributions)")
    parser.add_argument("--out", type=Path, default=Path(str(CUES_FILE)))
    args = parser.parse_args()
    items = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    docs = nlp().pipe((item["text"] for item in items), batch_size=20)
    uses, hits = count_cues(items, docs)
    write_cues(uses, hits, args.out)
    print(f"{len(hits)} cue kinds from {len(items)} articles -> {args.out}")


if __name__ == "__main__":
    main()
