"""Event frames: a trigger word with its source and target noun phrases, read off the parse.

A frame is what the classifier types. Frames come from two places: the pipeline finds them
from dictionary triggers in an annotated sentence (:func:`frames_in_sentence`); the eval
harness gives (sentence, source, target) strings, located by :func:`frame_from_strings`.
Both build the same object, so the classifier sees the same features either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from storyline.extract.plover import PENTACLASS_OF_CAMEO
from storyline.extract.verbs import VerbDictionary, VerbEntry, verb_dictionary
from storyline.models import TIME_ENTITY_LABELS, doc_text

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "dative", "attr"}
# Prepositions that introduce whom an action is aimed at ("clashed with", "request to").
TARGET_PREPOSITIONS = {
    "with",
    "against",
    "on",
    "upon",
    "to",
    "toward",
    "towards",
    "at",
    "into",
    "between",
    "over",
}
# Dependents that end a noun phrase: a clause about the noun is not part of the actor's name.
PHRASE_CUTS = {"relcl", "acl", "advcl", "punct", "prep"}
DASHES = {"—", "–", "--"}
KEEP_PREPOSITIONS = {"of", "from"}  # "special forces from the Kosovo police" names the actor
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# How a noun trigger reaches the verb of its clause ("submit a request", "announced a meeting").
NOUN_TO_VERB = {"dobj", "pobj", "prep", "attr", "conj", "appos", "compound", "nsubj", "npadvmod"}
# Verbs whose subject performs the act their object names ("Serbia would SUBMIT a request",
# "Vučić ANNOUNCED a meeting"); others only talk about it ("Kurti CONDEMNED the attacks",
# "residents DESCRIBED the deployment as a provocation"), and their subject is no participant.
SUPPORT_VERBS = {
    "hold", "have", "make", "submit", "file", "lodge", "issue", "send", "launch", "stage",
    "conduct", "carry", "mount", "begin", "start", "continue", "resume", "attend", "join",
    "lead", "organize", "organise", "host", "plan", "schedule", "propose", "announce", "seek",
    "pay", "give", "offer", "deliver", "express", "voice", "reach", "sign", "impose", "take",
    "order", "accept", "agree", "request", "use", "fire", "employ", "deploy",
}  # fmt: skip
# How a noun trigger reaches such a verb: as its object, or as one of its conjoined objects.
NOUN_TO_SUPPORT_VERB = {"dobj", "conj", "attr", "appos"}
# Finite verb forms: a conjoined verb in one of these has its own tense, hence its own clause.
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# CAMEO pentaclasses of acts done by speaking to someone: statements and appeals ("urged",
# "called on") and verbal conflict ("accused", "condemned", "rejected", "threatened"); not
# verbal cooperation, which holds meetings and visits, nor material acts ("attacked").
SPEECH_ACT_PENTACLASSES = {0, 3}


@dataclass
class EventFrame:
    sentence: TokenSpan
    trigger: Token
    anchor: Token  # the verb whose clause carries the event (the trigger itself for verbs)
    source: TokenSpan | None
    target: TokenSpan | None
    entry: VerbEntry | None  # the dictionary's reading of the trigger, if it has one

    @property
    def doc(self) -> Doc:
        return self.sentence.doc

    def region(self) -> TokenSpan:
        """The words from the first to the last of trigger, source and target."""
        positions = [self.trigger.i]
        for span in (self.source, self.target):
            if span is not None:
                positions += [span.start, span.end - 1]
        return self.doc[min(positions) : max(positions) + 1]

    def path(self) -> list[Token]:
        """The dependency path that links the participants through the trigger."""
        ends = [s.root for s in (self.source, self.target) if s is not None]
        if len(ends) == 2 and ends[0].i != ends[1].i:
            return dependency_path(ends[0], ends[1])
        if ends:
            return dependency_path(ends[0], self.trigger)
        return [self.trigger]


def frames_in_sentence(sentence: TokenSpan, verbs: VerbDictionary) -> list[EventFrame]:
    """One frame per dictionary trigger; a word inside another trigger's phrase is skipped."""
    matches = [(t, e) for t in sentence if (e := verbs.match(t)) is not None]
    covered = {c.i for t, e in matches if len(e.lemmas) > 1 for c in _phrase_tokens(t, e)}
    frames = []
    for token, entry in matches:
        if token.i in covered or _modifies_noun(token):
            continue
        frame = build_frame(sentence, token, entry)
        if frame.anchor.i != token.i and any(frame.anchor.i == t.i for t, _ in matches):
            # "fired tear gas at": the verb's own frame already covers the noun; "injured in
            # clashes", "condemned the attacks": the verb's event is what the sentence reports
            continue
        frames.append(frame)
    return frames


def build_frame(sentence: TokenSpan, trigger: Token, entry: VerbEntry | None) -> EventFrame:
    if trigger.pos_ == "VERB":
        source, target = verb_arguments(trigger)
        if target is not None and entry is not None:
            target = _beyond_phrase(target, trigger, entry)
        return EventFrame(sentence, trigger, trigger, source, target, entry)
    anchor = governing_verb(trigger) or trigger
    source, target = noun_arguments(trigger, anchor)
    return EventFrame(sentence, trigger, anchor, source, target, entry)


def verb_arguments(verb: Token) -> tuple[TokenSpan | None, TokenSpan | None]:
    source = target = None
    for child in clause_children(verb):
        if _is_dateline(child):  # "ZVEČAN, Kosovo — Dozens of people were injured"
            continue
        if child.dep_ in SUBJECTS and source is None:
            source = _subject_phrase(child, verb)
        elif child.dep_ == "agent":  # passive "by X"
            source = _object_of(child) or source
        elif child.dep_ in PASSIVE_SUBJECTS:
            target = target or _subject_phrase(child, verb)
    if source is None and target is None:
        inherited = _inherited_subject(verb)
        # "the mayors ... would not be withdrawn": a shared subject of a passive verb is the
        # one acted on; with no "by X" the actor is unknown ("if Serbs were attacked").
        if _is_passive(verb):
            target = inherited
        else:
            source = inherited
    return source, target or _first_target(verb)


def _beyond_phrase(target: TokenSpan, trigger: Token, entry: VerbEntry) -> TokenSpan | None:
    """The object of a phrase trigger is part of the act; when it has a target of its own,
    that is the event's: in "hold talks with the ambassador", whom the talks are with."""
    phrase = {t.i for t in _phrase_tokens(trigger, entry)}
    if target.root.i not in phrase:
        return target
    return _first_target(target.root) or target


def noun_arguments(noun: Token, anchor: Token) -> tuple[TokenSpan | None, TokenSpan | None]:
    source = target = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = noun_phrase(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            source = _object_of(child)
        elif child.dep_ == "prep" and child.lower_ == "between" and (pobj := _object_of(child)):
            # "clashes between A and B": A is the source, B the target
            source = noun_phrase(pobj.root, keep_conj=False)
            partner = next((c for c in pobj.root.children if c.dep_ == "conj"), None)
            target = noun_phrase(partner) if partner is not None else None
    performed = _performed_by(noun, anchor)
    if source is None and performed:
        source, _ = verb_arguments(anchor)
    if target is None:
        target = _first_target(noun) or (_first_target(anchor, skip=noun) if performed else None)
    return source, target


def _performed_by(noun: Token, anchor: Token) -> bool:
    """Whether the verb's subject does what the noun names: "Serbia would submit a request"
    (yes), "Kurti condemned the attacks", "after the clashes" (no)."""
    if anchor.i == noun.i or anchor.lemma_.lower() not in SUPPORT_VERBS:
        return False
    token = noun
    while token.i != anchor.i:
        if token.dep_ not in NOUN_TO_SUPPORT_VERB:
            return False
        token = token.head
    return True


def governing_verb(noun: Token, max_steps: int = 4) -> Token | None:
    """The verb whose clause a noun trigger sits in ("Serbia would submit a request")."""
    token = noun
    for _ in range(max_steps):
        if token.dep_ not in NOUN_TO_VERB or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def noun_phrase(head: Token, keep_conj: bool = True, keep_of: bool = True) -> TokenSpan:
    """The noun phrase headed by ``head``, without relative clauses and trailing clauses."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    kept = KEEP_PREPOSITIONS if keep_of else KEEP_PREPOSITIONS - {"of"}
    for child in head.rights:
        cut = child.dep_ in PHRASE_CUTS and not (child.dep_ == "prep" and child.lower_ in kept)
        if cut or (child.dep_ in ("conj", "cc") and not keep_conj):
            end = min(end, child.left_edge.i)
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while end - start > 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def dependency_path(a: Token, b: Token) -> list[Token]:
    """Tokens from ``a`` up to the lowest common ancestor and down to ``b``."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    in_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in in_b:
            return up_a[: n + 1] + list(reversed(up_b[: in_b[token.i]]))
    return up_a + list(reversed(up_b))


def frame_from_strings(doc: Doc, source: str, target: str, verbs: VerbDictionary) -> EventFrame:
    """Locate given source and target phrases in ``doc``; the trigger joins them."""
    sentence = doc[:]
    source_span, target_span = locate(doc, source), locate(doc, target)
    heads = [s.root for s in (source_span, target_span) if s is not None]
    if len(heads) == 2 and heads[0].i != heads[1].i:
        path = dependency_path(heads[0], heads[1])
        trigger = _highest(path)
    else:
        trigger = _nearest_verb(heads[0]) if heads else sentence.root
        path = [trigger]
    entry = verbs.match(trigger) or next((e for t in path if (e := verbs.match(t))), None)
    anchor = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger) or trigger
    return EventFrame(sentence, trigger, anchor, source_span, target_span, entry)


def locate(doc: Doc, phrase: str) -> TokenSpan | None:
    """The tokens of ``phrase`` in ``doc`` (first occurrence, ignoring case)."""
    phrase = phrase.strip()
    if not phrase:
        return None
    start = doc_text(doc).lower().find(phrase.lower())
    if start < 0:
        return None
    return doc.char_span(start, start + len(phrase), alignment_mode="expand")


def clause_children(verb: Token) -> list[Token]:
    """The verb's dependents, with a subject the parser hung on its auxiliary instead
    ("Novak-Stein **has** in recent weeks accused ...")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    hung = [c for aux in auxiliaries for c in aux.children
            if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
    return [*verb.children, *hung]


def _subject_phrase(subject: Token, verb: Token) -> TokenSpan:
    # "forces that attacked": the relative pronoun stands for the noun the clause describes
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return noun_phrase(verb.head)
    return noun_phrase(subject)


def _inherited_subject(verb: Token) -> TokenSpan | None:
    """The subject a verb shares with the verb it depends on ("agreed to meet", "X and Y",
    "is due to meet"); an object-control verb lends its object instead ("urged Kurti to
    step back", "prompted Serbia to put its army on alert", "called on Pristina to halt")."""
    if verb.dep_ == "xcomp" and (controller := _controlling_object(verb.head, verb)) is not None:
        return controller
    token = verb
    while token.dep_ in ("xcomp", "conj", "advcl", "acomp") and token.head.i != token.i:
        token = conjunct_head(token) if token.dep_ == "conj" else token.head
        subject = next((c for c in token.children if c.dep_ in SUBJECTS | {"agent"}), None)
        if subject is not None:
            if subject.dep_ == "agent":
                return _object_of(subject)
            return _subject_phrase(subject, token)
    if verb.dep_ == "relcl":  # "the police who detained him"
        return noun_phrase(verb.head)
    return None


def conjunct_head(verb: Token) -> Token:
    """The verb a conjoined verb is really coordinated with. Coordinated verbs share their
    form, so a finite verb the parse joins to a verb of another form (one with a modal or
    perfect auxiliary the finite verb cannot share) belongs higher up: in "Kurti said the
    mayors would remain ... and accused Belgrade", *accused* goes with *said*, not with
    *would remain*; its subject is Kurti. ("Russia was following events and supported
    Serbia" keeps its pair: a progressive is a past tense too.)"""
    head = verb.head
    if verb.tag_ not in FINITE_TAGS:
        return head
    if _speakers_own_act(verb, head):
        return head.head
    if not _other_form(head, verb):
        return head
    for ancestor in head.ancestors:
        if ancestor.tag_ == verb.tag_ and not _other_form(ancestor, verb):
            return ancestor
    return head


def _speakers_own_act(verb: Token, head: Token) -> bool:
    """Whether a conjoined verb the parse joins to a reported clause is the speaker's next act:
    in "Vučić said that Serbs had no quarrel with KFOR and accused Kurti of ...", *accused*
    goes with *said* (Vučić accuses, not the Serbs). Only an act done by speaking (an
    accusation, appeal, praise, rejection ...), with no subject of its own and the tense of the
    verb of saying, is read so; "said the troops entered the village and attacked residents"
    keeps the troops as the attackers, and "... that the army was watching the border and
    supported the farmers" the army as the supporter."""
    speaker_verb = head.head
    entry = verb_dictionary().match(verb)
    return (
        head.dep_ == "ccomp"
        and speaker_verb.pos_ == "VERB"
        and speaker_verb.tag_ == verb.tag_
        and any(c.dep_ in SUBJECTS for c in clause_children(speaker_verb))
        and not any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS for c in clause_children(verb))
        and entry is not None
        and PENTACLASS_OF_CAMEO.get(entry.cameo) in SPEECH_ACT_PENTACLASSES
    )


def _other_form(verb: Token, finite: Token) -> bool:
    """Whether ``verb`` has a form the finite verb ``finite`` cannot share: a modal or
    perfect auxiliary ("would remain", "had suffered"), or another finite tense."""
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lemma_ == "have") for c in verb.children):
        return True
    return verb.tag_ != finite.tag_ and verb.tag_ in FINITE_TAGS | {"VB"}


def _controlling_object(governor: Token, complement: Token) -> TokenSpan | None:
    """The object of ``governor`` that is the subject of its complement verb."""
    for child in governor.children:
        if child.dep_ in ("dobj", "dative") and child.i < complement.i:
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("on", "upon") and child.i < complement.i:
            return _object_of(child)  # "called on X to ..."
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _modifies_noun(token: Token) -> bool:
    """A noun that only describes another ("riot gear", "protest leaders") is no event."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "amod") and (
        token.head.pos_ in ("NOUN", "PROPN")
    )


def _first_target(word: Token, skip: Token | None = None) -> TokenSpan | None:
    """The object, else the object of a target preposition ("clashed with X")."""
    children = [c for c in word.children if skip is None or c.i != skip.i]
    objects = [c for c in children if c.dep_ in OBJECTS]
    # "threw stones AT security forces": the object is what is thrown, not whom it is aimed
    # at; the "at" follows the object ("has AT times accused Serbia" is no aim)
    for aimed_at in children + [g for o in objects for g in o.children]:
        if aimed_at.dep_ == "prep" and aimed_at.lower_ == "at" and objects[:1] and (
            aimed_at.i > objects[0].i
        ):
            found = _object_of(aimed_at)
            if found is not None and not _says_when(found):
                return found
    for child in objects:
        return _joined_name(noun_phrase(child), objects) or noun_phrase(
            child, keep_of=not _charged_with(child)
        )
    for child in children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
            found = _object_of(child)
            if found is not None and not _says_when(found):
                return found  # "on Tuesday" is when, not whom
        if child.dep_ == "prt":  # "called on X": the particle's object
            obj = next((c for c in children if c.dep_ == "pobj"), None)
            if obj is not None:
                return noun_phrase(obj)
    return None


def _joined_name(phrase: TokenSpan, objects: list[Token]) -> TokenSpan | None:
    """One name the parse split into two objects ("accused [Kosovo] [Prime Minister Albin
    Kurti] of ..."): a proper noun followed at once by another object headed by a proper noun
    is one phrase with it."""
    following = next((o for o in objects if o.left_edge.i == phrase.end), None)
    if following is None or phrase.root.pos_ != "PROPN" or following.pos_ != "PROPN":
        return None
    rest = noun_phrase(following, keep_of=not _charged_with(following))
    return phrase.doc[phrase.start : rest.end]


def _says_when(phrase: TokenSpan) -> bool:
    """ "on Tuesday", "at 11:00 local time": a time, not a participant."""
    return any(t.ent_type_ in TIME_ENTITY_LABELS for t in phrase)


def _is_dateline(word: Token) -> bool:
    """A place name opening the sentence and closed by a dash ("ZVEČAN, Kosovo — ..."), which
    the parse may take for a subject."""
    last, after = word.right_edge.i, word.right_edge.i + 1  # the parse may keep the dash
    return word.left_edge.i == word.sent.start and (
        word.doc[last].text in DASHES or (after < word.sent.end and word.doc[after].text in DASHES)
    )


def _charged_with(obj: Token) -> bool:
    """ "accused Kurti of provoking the crisis": an "of" that holds an act (a gerund) says
    what the object is charged with; it is not part of the object's name."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pcomp" for g in c.children)
        for c in obj.rights
    )


def _object_of(preposition: Token) -> TokenSpan | None:
    obj = next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)
    return noun_phrase(obj) if obj is not None else None


def _phrase_tokens(trigger: Token, entry: VerbEntry) -> list[Token]:
    wanted = set(entry.lemmas[1:])
    near = [c for c in trigger.children] + [g for c in trigger.children for g in c.children]
    return [t for t in near if t.lemma_.lower() in wanted]


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def _highest(path: list[Token]) -> Token:
    """The path's top token (the common ancestor), preferring a verb on the path below it."""
    top = min(path, key=lambda t: len(_ancestors(t)))
    if top.pos_ in ("VERB", "NOUN"):
        return top
    return next((t for t in path if t.pos_ == "VERB"), top)


def _nearest_verb(token: Token) -> Token:
    for candidate in _ancestors(token):
        if candidate.pos_ == "VERB":
            return candidate
    return token.sent.root
