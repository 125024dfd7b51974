"""The cue list learner counts, per lemma and content kind, uses and annotated attributions."""

from __future__ import annotations

import pytest

from storyline.extract.claim_cues import count_cues, write_cues
from storyline.models import nlp

pytestmark = pytest.mark.slow


def span(text: str, part: str) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def test_counts_uses_and_attributions(tmp_path):
    text = ("The baker said that bread prices would rise. "
            "The baker said hello to the fisherman.")
    item = {"id": "a", "text": text, "attributions": [{
        "source": [span(text, "The baker")],
        "cue": [span(text, "said")],
        "content": [span(text, "that bread prices would rise")],
    }]}
    uses, hits = count_cues([item], [nlp()(text)])
    assert uses["say", "ccomp"] == 1 and hits["say", "ccomp"] == 1
    assert uses["say", "dobj"] == 1 and hits["say", "dobj"] == 0
    out = tmp_path / "cues.tsv"
    write_cues(uses, hits, out)
    rows = [line.split("\t") for line in out.read_text().splitlines() if not line.startswith("#")]
    assert rows == [["say", "ccomp", "1", "1"]]
