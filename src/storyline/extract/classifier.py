"""The learned event typer: (sentence, source, target) → PLOVER root.

Features, all cheap once the sentence is parsed:
- the parse: the trigger's lemma, the dependency path that joins source and target, the
  trigger's dependents, and the verb dictionary's vote;
- the argument roles, when an item names them ACE-style ("Attacker:the gunmen"): the role
  says much of the act, and the mention without it is what is found in the sentence;
- TF-IDF of the sentence's words and word pairs;
- MiniLM embeddings of the sentence and of the event region (from the first to the last of
  trigger, source and target), computed in one batch per call.
A linear SVM over these is scored by 5-fold CV in docs/events.md. The shipped model
(``storyline/data/event_classifier.npz``) is rebuilt by
``python -m storyline.extract.train --data ../shared/eval/events/plv_dev.jsonl``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from storyline.extract.frames import EventFrame, frame_from_strings
from storyline.extract.modes import event_mode
from storyline.extract.verbs import verb_dictionary
from storyline.models import embed, nlp

ClassifierItem = tuple[str, str, str]  # sentence, source, target
MODEL_FILE = "event_classifier.npz"
SVM_C = 1.0
# The classifier's least probability for the dictionary's reading of a trigger to stand: a
# one-word verb may have senses the dictionary does not list ("called the king", "stormed
# the stage"). A phrase ("call on", "hold talks") or a noun ("a visit") names its act, and
# its reading stands whatever the classifier, which types the sentence's most salient act
# ("called on the West to stop BLAMING Serbs" is ACCUSE to the PLOVER annotators).
DICTIONARY_FLOOR = 0.05
NAMED_ACT_FLOOR = 0.0
# CAMEO codes an intended act as "express intent to ..." (root 03, PLOVER AGREE): "will
# meet" is 036. storyline gives intent as the mode, so for a planned event the classifier's
# AGREE says only that it is planned, and the dictionary's root for the act stands.
INTENT_ROOT = "AGREE"
# Dependents of the trigger whose words tell what kind of act it is ("called ON", "held TALKS").
TELLING_DEPENDENTS = {
    "dobj",
    "xcomp",
    "ccomp",
    "prt",
    "prep",
    "attr",
    "acomp",
    "neg",
    "advmod",
    "aux",
    "auxpass",
    "nsubjpass",
    "agent",
    "dative",
    "pobj",
    "npadvmod",
    "amod",
    "compound",
}
GRANDCHILD_DEPENDENTS = {"dobj", "prep", "prt", "xcomp", "compound", "amod"}
# An argument role written before a mention, as ACE-derived data give actors: "Victim:a guard".
ROLE_PREFIX = re.compile(r"([A-Z][A-Za-z]*):(?=\S)")


@dataclass(frozen=True)
class Instance:
    """One event to type: its frame and the roles its item gave source and target (if any)."""

    frame: EventFrame
    source_role: str = ""
    target_role: str = ""


class EventClassifier:
    """A linear model over parse, word and embedding features; ``predict`` takes strings."""

    def __init__(
        self,
        words: TfidfVectorizer,
        parse: DictVectorizer,
        classes: np.ndarray,
        coef: np.ndarray,
        intercept: np.ndarray,
        temperature: float = 1.0,
    ):
        self.words, self.parse = words, parse
        self.classes, self.coef, self.intercept = classes, coef, intercept
        self.temperature = temperature

    def predict(self, items: Sequence[ClassifierItem]) -> list[str]:
        probabilities = self.probabilities(items_to_instances(items))
        return [str(self.classes[p.argmax()]) for p in probabilities]

    def type_frames(
        self, frames: Sequence[EventFrame], known_vectors: Mapping[str, np.ndarray] | None = None
    ) -> list[tuple[str, float]]:
        """As the pipeline types events: the verb dictionary is the codebook, and its root
        stands unless the classifier finds it implausible (probability < DICTIONARY_FLOOR);
        otherwise, and for words the dictionary does not know, the classifier decides.
        ``known_vectors`` are embeddings the caller already has (the pipeline's sentence
        vectors), by text: they are not encoded again."""
        index = self.index
        probabilities = self.probabilities([Instance(frame) for frame in frames], known_vectors)
        readings = [index.get(frame.entry.plover) if frame.entry else None for frame in frames]
        choices = [
            codebook_choice(
                p,
                reading,
                index.get(INTENT_ROOT) if planned(frame) else None,
                dictionary_floor(frame),
            )
            for frame, p, reading in zip(frames, probabilities, readings, strict=True)
        ]
        choices = overruled_once_per_sentence(frames, probabilities, readings, choices)
        return [
            (str(self.classes[best]), float(p[best]))
            for best, p in zip(choices, probabilities, strict=True)
        ]

    def probabilities(
        self, instances: Sequence[Instance], known_vectors: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """Softmax of the margins, one row per instance."""
        if not instances:
            return np.zeros((0, len(self.classes)))
        scores = self.scores(feature_matrix(instances, self.words, self.parse, known_vectors))
        return softmax(scores / self.temperature)

    @property
    def index(self) -> dict[str, int]:
        return {str(label): n for n, label in enumerate(self.classes)}

    def scores(self, features: csr_matrix) -> np.ndarray:
        """One column per class (a two-class SVM has one score: minus it for the first)."""
        scores = np.asarray(features @ self.coef.T) + self.intercept
        return np.hstack([-scores, scores]) if len(self.classes) == 2 else scores

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            classes=self.classes.astype(str),
            vocabulary=self.words.get_feature_names_out().astype(str),
            idf=self.words.idf_.astype(np.float32),
            parse_features=np.array(self.parse.feature_names_, dtype=str),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            temperature=np.float32(self.temperature),
        )

    @classmethod
    def load(cls, path: Path | str) -> EventClassifier:
        with np.load(path, allow_pickle=False) as saved:
            vocabulary = {w: i for i, w in enumerate(saved["vocabulary"].tolist())}
            words = _word_vectorizer(vocabulary)
            words.idf_ = saved["idf"].astype(np.float64)
            parse = DictVectorizer()
            parse.feature_names_ = saved["parse_features"].tolist()
            parse.vocabulary_ = {f: i for i, f in enumerate(parse.feature_names_)}
            return cls(
                words,
                parse,
                saved["classes"],
                saved["coef"].astype(np.float64),
                saved["intercept"].astype(np.float64),
                float(saved["temperature"]),
            )


def codebook_choice(
    probabilities: np.ndarray,
    reading: int | None,
    intent: int | None = None,
    floor: float = DICTIONARY_FLOOR,
) -> int:
    """The class the pipeline picks: the dictionary's reading unless it is implausible (its
    probability under ``floor``); for a planned event (``intent`` is then the AGREE column),
    unless the classifier's choice is only the intent."""
    best = int(probabilities.argmax())
    if reading is not None and (probabilities[reading] >= floor or best == intent):
        return reading
    return best


def overruled_once_per_sentence(
    frames: Sequence[EventFrame],
    probabilities: np.ndarray,
    readings: Sequence[int | None],
    choices: Sequence[int],
) -> list[int]:
    """The classifier reads the whole sentence, so a class it puts above the dictionary names
    one act of the sentence: the one it fits best. Another trigger of the sentence overruled
    to that same class keeps its own reading: in "NATO will deploy troops, a day after
    soldiers were injured" the sentence reads as aid, and the injuries stay an assault."""
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, frame in enumerate(frames):
        by_sentence[(id(frame.doc), frame.sentence.start)].append(n)
    kept = list(choices)
    for members in by_sentence.values():
        for n in members:
            chosen = choices[n]
            if readings[n] is None or chosen == readings[n]:
                continue
            if any(
                choices[m] == chosen and probabilities[m][chosen] > probabilities[n][chosen]
                for m in members
            ):
                kept[n] = readings[n]
    return kept


def dictionary_floor(frame: EventFrame) -> float:
    """How implausible the dictionary's reading must be for the classifier to overrule it:
    never for a phrase or a noun, which name the act; below ``DICTIONARY_FLOOR`` for a
    one-word verb."""
    entry = frame.entry
    if entry is not None and (len(entry.lemmas) > 1 or frame.trigger.pos_ in ("NOUN", "PROPN")):
        return NAMED_ACT_FLOOR
    return DICTIONARY_FLOOR


def planned(frame: EventFrame) -> bool:
    return event_mode(frame) == "planned"


def train_classifier(items: Sequence[ClassifierItem], labels: Sequence[str]) -> EventClassifier:
    """Train on (sentence, source, target) items, e.g. one fold of a cross-validation."""
    return train_on_instances(items_to_instances(items), labels)


def train_on_instances(instances: Sequence[Instance], labels: Sequence[str]) -> EventClassifier:
    words = _word_vectorizer().fit([i.frame.sentence.text for i in instances])
    parse = DictVectorizer().fit([parse_features(i) for i in instances])
    features = feature_matrix(instances, words, parse)
    model = LinearSVC(C=SVM_C, class_weight="balanced").fit(features, np.asarray(labels))
    return EventClassifier(words, parse, model.classes_, model.coef_, model.intercept_)


def classify_events(items: Sequence[ClassifierItem]) -> list[str]:
    """PLOVER roots for (sentence, source, target) items, by the shipped model."""
    return shipped_classifier().predict(items)


@cache
def shipped_classifier() -> EventClassifier:
    artefact = resources.files("storyline") / "data" / MODEL_FILE
    with resources.as_file(artefact) as path:
        return EventClassifier.load(path)


def items_to_instances(items: Sequence[ClassifierItem]) -> list[Instance]:
    verbs = verb_dictionary()
    docs = nlp().pipe((sentence for sentence, _, _ in items), batch_size=64)
    instances = []
    for doc, (sentence, source, target) in zip(docs, items, strict=True):
        (source_role, source), (target_role, target) = (
            split_role(phrase, sentence) for phrase in (source, target)
        )
        frame = frame_from_strings(doc, source, target, verbs)
        instances.append(Instance(frame, source_role, target_role))
    return instances


def split_role(phrase: str, sentence: str) -> tuple[str, str]:
    """("Attacker", "the gunmen") for "Attacker:the gunmen"; ("", phrase) when the phrase has
    no role prefix or is itself in the sentence (a name may hold a colon)."""
    match = ROLE_PREFIX.match(phrase)
    if match is None or phrase.lower() in sentence.lower():
        return "", phrase
    return match.group(1), phrase[match.end() :]


def feature_matrix(
    instances: Sequence[Instance],
    words: TfidfVectorizer,
    parse: DictVectorizer,
    known_vectors: Mapping[str, np.ndarray] | None = None,
) -> csr_matrix:
    sentences = [i.frame.sentence.text for i in instances]
    regions = [i.frame.region().text for i in instances]
    vectors = _embed_remembered(sentences + regions, known_vectors or {})
    return hstack(
        [
            words.transform(sentences),
            normalize(parse.transform([parse_features(i) for i in instances])),
            csr_matrix(np.stack([vectors[s] for s in sentences])),
            csr_matrix(np.stack([vectors[r] for r in regions])),
        ]
    ).tocsr()


_remembered: dict[str, np.ndarray] = {}
REMEMBER_AT_MOST = 20_000  # about 30 MB of vectors


def _embed_remembered(texts: list[str], known: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Embeddings in one encoder batch; texts the caller already embedded (``known``) or seen
    recently (cross-validation folds re-use the same sentences) are not encoded again."""
    missing = [t for t in dict.fromkeys(texts) if t not in known and t not in _remembered]
    if len(_remembered) + len(missing) > REMEMBER_AT_MOST:
        _remembered.clear()
    _remembered.update(zip(missing, embed(missing), strict=True))
    return {t: known[t] if t in known else _remembered[t] for t in texts}


def parse_features(instance: Instance) -> dict[str, float]:
    """What the parse says about the act (trigger, path, dependents, dictionary vote) and the
    argument roles, when given."""
    frame = instance.frame
    trigger = frame.trigger
    inside = {t.i for span in (frame.source, frame.target) if span is not None for t in span}
    features = {f"trigger={trigger.lemma_.lower()}": 1.0, f"trigger_pos={trigger.pos_}": 1.0}
    for token in frame.path():
        if token.i not in inside:
            features[f"path={token.lemma_.lower()}"] = 1.0
            features[f"path_dep={token.dep_}:{token.lemma_.lower()}"] = 1.0
    for child in trigger.children:
        if child.i in inside or child.dep_ not in TELLING_DEPENDENTS:
            continue
        features[f"child={child.dep_}:{child.lemma_.lower()}"] = 1.0
        if child.dep_ in ("xcomp", "ccomp", "dobj"):
            for grandchild in child.children:
                if grandchild.dep_ in GRANDCHILD_DEPENDENTS:
                    features[f"grandchild={grandchild.dep_}:{grandchild.lemma_.lower()}"] = 1.0
    if frame.entry is not None:
        features[f"dictionary={frame.entry.plover}"] = 1.0
        features[f"dictionary_phrase={frame.entry.phrase}"] = 1.0
    features["has_source"] = float(frame.source is not None)
    features["has_target"] = float(frame.target is not None)
    for side, role in (("source", instance.source_role), ("target", instance.target_role)):
        if role:
            features[f"{side}_role={role}"] = 1.0
    return features


def _word_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocabulary)


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
