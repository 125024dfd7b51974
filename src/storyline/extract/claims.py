"""Claims: who said what, read off the parse.

A claim has a cue (a verb, noun or adjective the learned model ``claim_model.py`` takes for a
cue with that content, "according to", "reportedly", "NAME:" opening a paragraph, or the verb
of a sentence that closes its paragraph with a colon), a speaker (the cue's
subject, as written: vague speakers stay vague) and content (the cue's clause, quotation,
infinitive or object). Quotations are found in the text, so a quote that runs over several
sentences, or goes on after "he said", is one claim.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from storyline.annotate.actors import actor_dictionary
from storyline.annotate.gazetteer import gazetteer
from storyline.extract.claim_model import (
    ClaimModel,
    claim_model,
    cue_prepositions,
    option_features,
)
from storyline.extract.evidence import evidence, record_id
from storyline.extract.frames import clause_children
from storyline.extract.plover import PENTACLASS_OF_CAMEO
from storyline.extract.verbs import verb_dictionary
from storyline.models import TIME_ENTITY_LABELS, doc_text, nlp
from storyline.records import Annotation, Article, Claim, Mention, Span

CONTENT_KINDS = ("ccomp", "quote", "parataxis", "xcomp", "dobj", "prep", "passive", "oprd",
                 "described")
# Contents that are something said or thought: a clause (finite, infinitive, or a passive's
# subject with its complement), a quotation, the sentence a phrase or a line attributes
# ("according to", "reportedly", a paragraph a colon opens, "NAME: ..."), what a verb names
# something as ("called it unacceptable") and what a noun of saying is about ("her comments
# on the shooting"). An object (dobj, prep, described) may be an act's: "fired tear gas".
SAID_KINDS = {"ccomp", "quote", "parataxis", "xcomp", "passive", "oprd", "noun_frame",
              "noun_copula", "noun_to", "noun_clause", "noun_prep", "according", "reportedly",
              "paragraph", "line", "signed"}
# The CAMEO pentaclasses of acts of words: statements and appeals, verbal cooperation,
# verbal conflict (plover.PENTACLASS_OF_CAMEO).
VERBAL_PENTACLASSES = {0, 1, 3}
CUE_PARTS_OF_SPEECH = {"VERB", "NOUN", "ADJ"}
ADJECTIVE_CONTENT_KINDS = {"ccomp", "xcomp", "prep"}
# Contents said or asked of someone the cue names before them: "told **reporters** that",
# "urged **Kosovo** not to ...", "called on **KFOR** to ...", "warned **Kosovo** against ...".
ADDRESSED_KINDS = {"ccomp", "xcomp", "prep", "quote"}
ADDRESS_PREPOSITIONS = {"on", "upon"}
UNADDRESSED = {"it", "this", "that", "these", "those"}  # things, not someone spoken to
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PERSONAL_PRONOUNS = {"he", "she"}
# the words that open a phrase naming one unnamed person: "a senior diplomat", "the analyst"
SINGULAR_DETERMINERS = {"a", "an", "the", "one"}
PLACE_LABELS = {"GPE", "LOC"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
# subjects that name no speaker: "there is talk that", "what matters is"; "it" and "which"
# compete as speakers ("It says: ...", PolNeAR marks them as sources) and the model decides
NOBODY = {"what", "there"}
BARE_PRONOUNS = {"it", "that", "this", "these", "those", "them", "him", "her"}
STANCE_OF_CUE = {
    **dict.fromkeys(
        [
            "accuse",
            "blast",
            "condemn",
            "criticize",
            "criticise",
            "decry",
            "denounce",
            "deny",
            "dismiss",
            "mock",
            "slam",
        ],
        "against",
    ),
    **dict.fromkeys(["applaud", "praise", "tout", "endorse", "welcome"], "for"),
}
# “...”, "...", «...», and ''...'' (two apostrophes, as some archives write quotation marks)
QUOTES = re.compile(
    r"“[^“”\"\n]{2,}?(?:[”\"]|(?=\n|$))"
    r"|\"[^\"“”\n]{2,}?(?:[\"”]|(?=\n|$))"
    r"|«[^«»\n]{2,}?(?:»|(?=\n|$))"
    r"|''(?:(?!'')[^\n]){2,}?(?:''|(?=\n|$))"
)
REASON_PREPOSITIONS = {"of", "for", "as"}
# adverbs that attribute their clause to unnamed sources ("the FBI is **reportedly** ...");
# of the others, on the PolNeAR training articles "allegedly" is a cue 2 times in 12,
# "seemingly" 6 in 21, "apparently" 5 in 40
REPORTING_ADVERBS = {"reportedly"}
SENTENCE_ENDS = {".", "?", "!"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# prepositions that frame a whole sentence as someone's view: "in her view", "to his mind"
FRAMING_PREPOSITIONS = {"in", "to"}
# the conjunction of a reason that goes with the reported clause (PolNeAR takes it in; "if",
# "until", "since", "although" too did worse, docs/claims.md)
REASON_MARKS = {"because"}
# prepositions after a noun cue that introduce what was said: "comments on", "criticism of"
NOUN_PREPOSITIONS = {"of", "on", "about", "for", "against", "to"}
# words that open a line with a colon without anyone speaking: "UPDATE: ..."
LABELS = {"UPDATE", "NOTE", "EDITOR'S NOTE", "CORRECTION", "PHOTO", "PHOTOS", "VIDEO",
          "VIDEOS", "GALLERY", "WATCH", "READ",
          "RELATED", "SOURCE", "SOURCES", "THE LATEST", "BREAKING", "BREAKING NEWS", "EXCLUSIVE",
          "OPINION", "ANALYSIS", "EDITORIAL", "LIVE", "BYLINE", "PAID NOTICE"}
# A dash that signs what comes before it with a name closing the line: "“...” ― Ann Lee",
# a tweet's "— Paul Ryan (@SpeakerRyan) July 5, 2016", a quotation block's "- Sanders.".
SIGN_OFF = re.compile(
    r"(?:--|[―—–-])[ \t\u00a0]*(?P<name>[A-Z](?:[\w'’-]*|\.)(?: [A-Z](?:[\w'’-]*|\.)){0,3}?)"
    r"[ \t\u00a0]*(?:\((?P<handle>@\w+)?[^()\n]*\))?[ \t\u00a0]*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?"
    r"(?:</?\w[^<>\n]*>)?[ \t\u00a0.]*(?:\n|$)")
QUOTE_MARKS = "\"“”‘’'«»"
# an interview transcript's question and answer lines ("Q: ...", "A: ...")
INTERVIEW_SPEAKERS = {"Q", "A"}
# A quote that merely names something ("the “Today” show") is not speech.
MIN_QUOTE_WORDS = 4
SPOKEN_END = re.compile(r"\w[,.?!]\W{1,2}$")
# The dependents that belong to the attribution itself, not to what is attributed: "The
# plan, **he** said **on Monday**, is dead".
ATTRIBUTION_DEPS = {"nsubj", "aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "prep",
                    "agent", "punct"}
WORD_CHAR = re.compile(r"\w")


class Attribution(NamedTuple):
    speaker: TokenSpan
    cue: str  # as written
    cue_lemma: str
    content: tuple[int, int]  # character offsets
    kind: str  # what the content is: a CONTENT_KINDS entry, a noun's, or the phrase's own
    attribution: tuple[Token, ...] = ()  # the cue's own words, cut out of the content
    addressee: TokenSpan | None = None  # whom the cue's words were addressed to
    verbal_act: bool = False  # the cue is an act of words (``verbal_act``)


def reports_speech(claim: Claim) -> bool:
    """Whether a claim reports something said, thought or asked, as a list of who said what
    wants it (``Claim.speech``, decided by ``_is_speech`` when the claim was found; records
    stored before it are judged by what they hold, and those stored before kinds are shown)."""
    if claim.speech is not None:
        return claim.speech
    return claim.kind is None or _is_speech(claim.kind, claim.direct, claim.stance, False)


def _is_speech(kind: str, direct: bool, stance: str | None, verbal_act: bool) -> bool:
    """A content of SAID_KINDS or a quotation; an object only when the cue praises or blames
    it ("condemned the operation") or is a verbal act the event dictionary knows ("demanded
    **an end to the violence**", "called for **calm**", "rejected **the offer**"), not when
    it is what an act was done to ("fired tear gas": PolNeAR counts these as attributions,
    and so do ``claims_in_doc`` and the ``claims`` eval)."""
    return kind in SAID_KINDS or direct or bool(stance) or verbal_act


def verbal_act(cue: Token) -> bool:
    """Whether the event dictionary types the cue as an act of words: a statement or appeal,
    verbal cooperation or verbal conflict (CAMEO roots 01-05 and 09-13: demand, call for,
    reject, promise, ...), not a material act (fire, deploy, seize)."""
    entry = verb_dictionary().match(cue)
    return entry is not None and PENTACLASS_OF_CAMEO[entry.cameo] in VERBAL_PENTACLASSES


def find_claims(annotation: Annotation) -> list[Claim]:
    """The claims of one annotated article, from its one parse."""
    return claims_in_doc(annotation.doc, annotation.article, annotation.mentions)


def find_claims_in_text(text: str) -> list[Claim]:
    """Claims in plain text (parsed here): what the ``claims`` eval task scores."""
    return claims_in_doc(nlp()(text), None, [])


def claims_in_doc(
    doc: Doc, article: Article | None, mentions: Sequence[Mention], model: ClaimModel | None = None
) -> list[Claim]:
    """The claims of a parsed text (``model``: the cue model, the shipped one by default)."""
    model = model or claim_model()
    quotes = quotation_spans(doc_text(doc))
    claims: list[Claim] = []
    taken: set[tuple[int, int]] = set()
    for sentence, found in _attributions(doc, quotes, model):
        span = _joined_to_quote(found.content, quotes, found.speaker)
        pieces = content_pieces(doc_text(doc), span, found.attribution)
        if span in taken or not pieces or doc_text(doc)[slice(*span)].lower() in BARE_PRONOUNS:
            continue  # "they call that" reports nothing by itself
        taken.add(span)
        claims.append(_claim(doc, article, mentions, found, pieces, quotes, sentence))
    claims = _without_nested(_continue_quotes(claims, quotes, doc_text(doc)))
    _vague_antecedents(claims, mentions, doc_text(doc))
    return claims


def _vague_antecedents(claims: list[Claim], mentions: Sequence[Mention], text: str) -> None:
    """The speaker a pronoun stands for when it speaks in the sentence of the claim before
    or the next one (``Claim.speaker_antecedent``): a "he" or "she" that coreference left
    open, a vague speaker's ("A senior Russian lawmaker said ... “...,” he said"), unless a
    person is named in either sentence (it could be them); "both", the two that the claim
    before names ("The United States and the EU had urged ..., and both called on ...")."""
    for before, claim in itertools.pairwise(claims):
        if claim.speaker_entity_id or text[before.evidence.end : claim.evidence.start].strip():
            continue
        antecedent = before.speaker_antecedent or before.speaker
        pronoun, first_word = claim.speaker.lower(), (antecedent.split() or [""])[0].lower()
        start, end = before.evidence.start, claim.evidence.end
        vague_person = (pronoun in PERSONAL_PRONOUNS and not before.speaker_entity_id
                        and first_word in SINGULAR_DETERMINERS
                        and not any(m.label == "PERSON" and start <= m.start < end
                                    for m in mentions))
        if vague_person or (pronoun == "both" and " and " in antecedent):
            claim.speaker_antecedent = antecedent


def _attributions(
    doc: Doc, quotes: list[tuple[int, int]], model: ClaimModel
) -> list[tuple[TokenSpan, Attribution]]:
    """Each cue's attribution, in text order, but for a noun cue among another cue's own
    words: in "X said **in a statement** that ...", the statement is how X said it."""
    found = []
    for sentence in doc.sents:
        for token in sentence:
            attribution = (_according_to(token) or _introduced_paragraph(token, quotes)
                           or _reportedly(token)
                           or _reported(token, quotes, model) or _labelled_line(token)
                           or _signed(token, quotes))
            if attribution is not None:
                found.append((sentence, token, attribution))
    said_with = {word.i for _, cue, a in found for word in a.attribution if word.i != cue.i}
    return [(sentence, attribution) for sentence, cue, attribution in found
            if not (cue.pos_ in ("NOUN", "PROPN") and cue.i in said_with)]


def _without_nested(claims: list[Claim]) -> list[Claim]:
    """Claims whose content lies inside another claim's reported (not quoted) content are
    left out: "X said **officials had claimed that Y**" is X's claim; PolNeAR rarely marks
    the inner one, and most of them are cue words inside a longer report ("she **struggled
    to explain** ...")."""
    def inside(claim: Claim, other: Claim) -> bool:
        return (other is not claim and not other.direct
                and other.content_start <= claim.content_start
                and claim.content_end <= other.content_end)

    return [c for c in claims if not any(inside(c, other) for other in claims)]


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (marks included) that are speech: long enough, or
    closed by a sentence's or a clause's punctuation (“It's heartbreaking,” she said)."""
    return [m.span() for m in QUOTES.finditer(text)
            if len(m.group().split()) >= MIN_QUOTE_WORDS or SPOKEN_END.search(m.group())]


def _labelled_line(token: Token) -> Attribution | None:
    """A paragraph that opens with a name and a colon, as in transcripts and headlines
    ("SMITH: We never agreed to that.", "Q: ..." and "A: ..." in an interview): the name
    said the rest of the paragraph."""
    doc = token.doc
    if token.text != ":":
        return None
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    while start < token.i and doc[start].is_quote:  # "“PENCE: ..." in a quoted transcript
        start += 1
    speaker = doc[start : token.i]
    named = bool(speaker.ents) and speaker.ents[-1].label_ in ("PERSON", "ORG")
    transcript = len(speaker) == 1 and speaker.text.isupper() and (
        len(speaker.text) > 2 or speaker.text in INTERVIEW_SPEAKERS)
    if not 1 <= len(speaker) <= 4 or speaker.text.upper() in LABELS or not (
            named or transcript or _headline_name(speaker)):
        return None
    text = doc_text(doc)
    line_end = text.find("\n", token.idx)
    content = (_end_char(token), line_end if line_end >= 0 else len(text))
    return Attribution(speaker, ":", ":", _trim(text, content), "line")


def _signed(dash: Token, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A dash and a name closing a line sign the words before them: the quotation that ends
    right before the dash (“...” ― Ann Lee), or ends the paragraph above a line that the
    dash opens ("- Bernie Sanders."), or, for a tweet signed with its handle ("— Paul Ryan
    (@SpeakerRyan) July 5, 2016"), the line's words. A name after a dash in running text
    ("... than the better-funded — Hillary Clinton.") or under a paragraph that quotes no
    one (an author's sign-off) signs nothing."""
    text = doc_text(dash.doc)
    marks = dash.text.rstrip("-―—–")  # the tokenizer keeps "”―" together
    if marks == dash.text or marks.strip(QUOTE_MARKS):
        return None
    start = dash.idx + len(marks)
    match = SIGN_OFF.match(text, start)
    if match is None or (start and not text[start - 1].isspace()
                         and text[start - 1] not in QUOTE_MARKS):
        return None  # a hyphen inside a word: "then-Chief Justice"
    before = text[:start].rstrip(" \t\u00a0")
    content = _signed_words(text, before, quotes, bool(match.group("handle")))
    if content is None or content[0] >= content[1]:
        return None
    speaker = dash.doc.char_span(*match.span("name"), alignment_mode="expand")
    return Attribution(speaker, text[start : match.start("name")].strip(), "sign",
                       _trim(text, content), "signed")


def _signed_words(text: str, before: str, quotes: list[tuple[int, int]],
                  tweet: bool) -> tuple[int, int] | None:
    """What a sign-off dash signs (``_signed``), given the text ``before`` it."""
    opens_line = not before or before.endswith("\n")
    end = len(before.rstrip()) if opens_line else len(before)
    quoted = next((q for q in quotes if q[1] == end), None)
    if quoted is not None:
        return quoted
    if before[:end].endswith(("”", '"', "»")):  # a quotation that holds other marks
        return before.rfind("\n", 0, end) + 1, end
    if tweet and not opens_line:
        line_start = before.rfind("\n") + 1
        return max(line_start, before.rfind(">") + 1), len(before)
    return None


def _headline_name(speaker: TokenSpan) -> bool:
    """Capitalised words opening the article's first line, its headline ("Sanders: Clinton
    Email Story Has Moved"): the parser reads a Title Case headline poorly and rarely tags
    the name, but a headline's words before a colon name who is quoted."""
    return (not doc_text(speaker.doc)[: speaker.start_char].strip()
            and all(t.is_title or t.is_upper or t.is_punct for t in speaker))


def _introduced_paragraph(cue: Token, quotes: list[tuple[int, int]]) -> Attribution | None:
    """A sentence that closes its paragraph with a colon introduces the next paragraph, as
    its speaker's words ("In a 1963 speech, he declared:", "The ministry released the
    following statement:"): the main verb, with a subject of its own, is the cue."""
    if cue.dep_ != "ROOT" or cue.pos_ != "VERB" or any(s <= cue.idx < e for s, e in quotes):
        return None
    words = [t for t in cue.sent if not t.is_space]
    if not words or words[-1].text != ":":
        return None
    text = doc_text(cue.doc)
    start = _end_char(words[-1])
    if "\n" not in text[start : start + 3] or not text[start:].strip():
        return None
    speaker = _speaker(cue)
    if not speaker:
        return None
    paragraph_start = start + len(text[start:]) - len(text[start:].lstrip())
    line_end = text.find("\n", paragraph_start)
    content = (paragraph_start, line_end if line_end >= 0 else len(text))
    return Attribution(speaker, _cue_text(cue), _stance_lemma(cue), _trim(text, content),
                       "paragraph", attribution_words(cue))


def _reportedly(adverb: Token) -> Attribution | None:
    """ "The FBI is reportedly making arrangements ...": the verb's clause, without the
    adverb, from sources nobody names."""
    verb = adverb.head
    if adverb.lower_ not in REPORTING_ADVERBS or verb.pos_ not in ("VERB", "AUX"):
        return None
    content = _without_full_stop(adverb.doc, _clause_span(verb))
    return Attribution(adverb.doc[adverb.i : adverb.i], adverb.text, adverb.lower_,
                       _trim(doc_text(adverb.doc), content), "reportedly", (adverb,))


def _according_to(token: Token) -> Attribution | None:
    """ "According to X, CONTENT" and "CONTENT, according to X"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    speaker = token.doc[source.left_edge.i : source.right_edge.i + 1]
    content = _according_content(token)
    apposition = _misparsed_apposition(token)
    if apposition is not None:  # "According to X, the spokeswoman, CONTENT"
        speaker = token.doc[source.left_edge.i : apposition.end]
        content = (token.doc[apposition.end + 1].idx, content[1])
    return Attribution(speaker, "according to", "according to",
                       _trim(doc_text(token.doc), content), "according")


def _misparsed_apposition(according: Token) -> TokenSpan | None:
    """The noun phrase set off by commas right after "According to X," that the parser made
    a second subject of the clause ("According to Zakharova, **the Foreign Ministry
    spokeswoman**, Western governments had ignored ..."): it describes X."""
    doc, sentence_end = according.doc, according.sent.end
    comma = according.right_edge.i + 1
    if comma + 1 >= sentence_end or doc[comma].text != ",":
        return None
    noun = next((t for t in doc[comma + 1 : sentence_end] if t.dep_ == "nsubj"), None)
    if noun is None or noun.left_edge.i != comma + 1:
        return None
    closing = noun.right_edge.i  # the parser may hang the closing comma on the noun
    closing += doc[closing].text != ","
    if closing + 1 >= sentence_end or doc[closing].text != ",":
        return None
    if not any(c.dep_ == "nsubj" and c.i > closing for c in noun.head.children):
        return None
    return doc[comma + 1 : closing]


def _according_content(according: Token) -> tuple[int, int]:
    """The side of the sentence "according to X" attributes: the longer one, but the side
    before it when a coordinated clause follows it ("**Two men were killed**, according to
    officials, and several were taken to hospital"): the phrase closes the first clause."""
    phrase_end = according.right_edge
    after = [t for t in according.doc[phrase_end.i + 1 : according.sent.end] if not t.is_punct]
    if after and after[0].dep_ == "cc" and after[0].i > phrase_end.i + 1 \
            and according.left_edge.i > according.sent.start:
        return according.sent.start_char, according.left_edge.idx
    return _rest_of_sentence(according)


def _rest_of_sentence(phrase_head: Token) -> tuple[int, int]:
    """The longer side of the sentence around a phrase ("**the bridge is closed**, according
    to the mayor", "in her view, **the plan failed**")."""
    phrase = phrase_head.doc[phrase_head.left_edge.i : phrase_head.right_edge.i + 1]
    sentence = phrase_head.sent
    before = (sentence.start_char, phrase.start_char)
    after = (phrase.end_char, sentence.end_char)
    return max(before, after, key=lambda span: span[1] - span[0])


def _reported(cue: Token, quotes: list[tuple[int, int]], model: ClaimModel) -> Attribution | None:
    """A word the learned model takes for a cue, with its most probable content."""
    candidate = cue_candidate(cue, quotes)
    if candidate is None:
        return None
    speaker, options = candidate
    probability, kind, span = max(
        (model.probability(option_features(cue, speaker, kind, span, quotes)), kind, span)
        for kind, span in options
    )
    if probability < model.threshold:
        return None
    span = _own_words(cue, kind) or span
    cue_text = _cue_text(cue)
    if kind == "prep":  # "warned against": the preposition says which way
        cue_text = f"{cue_text} {_preposition_before(cue.doc, span)}".strip()
    return Attribution(speaker, cue_text, _stance_lemma(cue),
                       _without_full_stop(cue.doc, span), _recorded_kind(cue, kind),
                       attribution_words(cue), addressee(cue, kind, span), verbal_act(cue))


def addressee(cue: Token, kind: str, content: tuple[int, int]) -> TokenSpan | None:
    """Whom a verb cue addresses: its object or indirect object ("told **reporters** that",
    "urged **Kosovo** not to"), the object of "on" ("called on **KFOR** to"), or the subject
    the parser gave an infinitive content ("urged **the mayor** to resign"), when it lies
    between the cue and a content said or asked of it (not when it is the content itself:
    "condemned the operation")."""
    if cue.pos_ != "VERB" or kind not in ADDRESSED_KINDS:
        return None
    heads = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
    heads += [obj for prep in cue.children
              if prep.dep_ == "prep" and prep.lower_ in ADDRESS_PREPOSITIONS
              for obj in prep.children if obj.dep_ == "pobj"]
    heads += [subject for clause in cue.children if clause.dep_ in ("ccomp", "xcomp")
              if (subject := _infinitive_subject(clause)) is not None]
    between = [h for h in heads if cue.i < h.left_edge.i
               and _end_char(h.right_edge) <= content[0]
               and h.ent_type_ not in TIME_ENTITY_LABELS  # "said **Monday** that"
               and h.lower_ not in UNADDRESSED]  # "presented **it** as evidence that"
    return _phrase(between[0]) if between else None


def _recorded_kind(cue: Token, kind: str) -> str:
    """The kind a claim records: an object the cue names something ("called the decision
    **unfair**", "described the attacks **as unprovoked**", also when the parser hung the
    adjective on the object: "called the attack on the force **unacceptable**") is what the
    cue calls it, ``oprd``, not what an act was done to."""
    if kind != "dobj":
        return kind
    named_as = any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
                   for c in cue.children)
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    return "oprd" if named_as or any(_ends_in_a_predicate(o) for o in objects) else kind


def _ends_in_a_predicate(obj: Token) -> bool:
    """Whether an object closes with an adjective after its noun that reads as a predicate:
    graded or coordinated ("the attack on the force **absolutely unacceptable**", "...
    **unacceptable and irresponsible**"), unlike the bare adjectives English puts after a
    noun ("the people **responsible**")."""
    last = obj.right_edge
    adjective = last if last.dep_ == "amod" else last.head if last.dep_ == "conj" else None
    return (adjective is not None and adjective.pos_ == "ADJ"
            and adjective.head.pos_ in ("NOUN", "PROPN") and adjective.i > adjective.head.i
            and any(c.dep_ in ("advmod", "conj") for c in adjective.children))


def _own_words(cue: Token, kind: str) -> tuple[int, int] | None:
    """The words of a content of that kind as the parse gives them, before the model's
    view widened them to a quotation they mostly lie in (None for a quotation itself)."""
    options = noun_content_options(cue) if cue.pos_ == "NOUN" else content_options(cue, [])
    own = next((_trim(doc_text(cue.doc), s) for k, s in options if k == kind), None)
    return own if own is not None and own[0] < own[1] else None


def attribution_words(cue: Token) -> tuple[Token, ...]:
    """The cue with its subject, auxiliaries, adverbs and prepositional phrases: the words
    that say who said it and when, which a content the cue interrupts leaves out."""
    words = [cue]
    for child in clause_children(cue):
        if child.dep_ in ATTRIBUTION_DEPS:
            words += child.subtree
    return tuple(words)


def content_pieces(
    text: str, span: tuple[int, int], attribution: Sequence[Token]
) -> list[tuple[int, int]]:
    """The content split around the attribution's words that lie inside it ("The plan, he
    said on Monday, is dead" -> "The plan", "is dead"). Only a run of them with content
    words on both sides is cut: "accused him **of lying**" keeps its end."""
    start, end = span
    runs = _runs([(t.idx, _end_char(t)) for t in attribution
                  if start <= t.idx and _end_char(t) <= end], text)
    inside = [(a, b) for a, b in runs
              if WORD_CHAR.search(text[start:a]) and WORD_CHAR.search(text[b:end])]
    bounds = [start, *(offset for run in inside for offset in run), end]
    pieces = [_trim(text, (bounds[i], bounds[i + 1])) for i in range(0, len(bounds), 2)]
    return [p for p in pieces if WORD_CHAR.search(text[slice(*p)])]


def _without_full_stop(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """A content read off the parse that runs to the end of its sentence leaves out the
    full stop, as a reported clause does ("said that X")."""
    start, end = span
    stop = doc.char_span(end - 1, end)
    if stop is not None and stop.text == "." and stop.sent.start_char <= start < end - 1:
        return _trim(doc_text(doc), (start, end - 1))
    return span


def _runs(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Character ranges joined when only spaces and punctuation lie between them."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if runs and not WORD_CHAR.search(text[runs[-1][1] : start]):
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def cue_candidate(
    cue: Token, quotes: list[tuple[int, int]]
) -> tuple[TokenSpan, list[tuple[str, tuple[int, int]]]] | None:
    """What a verb, noun or predicate adjective would attribute if it were a cue: its speaker
    and the contents it could report (trimmed, widened to a quotation they lie in), or None
    when it cannot be a cue. A passive cue without an agent ("X is expected to ...") and a
    noun without an owner ("the claim that ...") have an empty speaker."""
    if cue.pos_ not in CUE_PARTS_OF_SPEECH or any(s <= cue.idx < e for s, e in quotes):
        return None  # a word inside a quotation is part of what is quoted
    if cue.pos_ == "ADJ":
        speaker, options = _adjective_speaker(cue), adjective_content_options(cue, quotes)
    elif cue.pos_ == "NOUN":
        speaker, options = _noun_speaker(cue), noun_content_options(cue)
    else:
        speaker, options = _speaker(cue), content_options(cue, quotes)
    if speaker is None:
        return None
    text = doc_text(cue.doc)
    options = [(kind, _widen_to_quotes(_trim(text, span), quotes)) for kind, span in options]
    return (speaker, [(k, s) for k, s in options if s[0] < s[1]]) if options else None


def content_options(cue: Token, quotes: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """What a verb could report: a clause ("said that ..."), a quotation next to it ("“...,”
    she said"), the clause it interrupts ("The bridge, he said, was closed"), an infinitive
    ("urged X to ..."), an object ("announced his candidacy"), what a preposition governs
    ("called for a ban"), a passive subject with its complement ("X is expected to ...")."""
    options = []
    for kind in CONTENT_KINDS:
        if kind == "quote":
            span = _adjacent_quote(cue, quotes)
        elif kind == "passive":
            span = _passive_content(cue)
        elif kind == "parataxis":
            span = _interrupted_clause(cue)
        elif kind == "prep":
            span = _prepositional_object(cue)
        elif kind == "oprd":
            span = _object_and_predicate(cue)
        elif kind == "described":
            span = _described_noun(cue)
        else:
            child = next((c for c in cue.children if c.dep_ == kind), None)
            if child is None and kind == "ccomp":
                child = _clause_on_framing_noun(cue)
            span = _clause_span(child) if child else None
            if span and kind == "dobj":
                span = (span[0], max(span[1], _reason_end(cue, child)))
            if span and kind == "ccomp":
                span = (_infinitive_start(child, span[0]),
                        _adverbial_clause_end(cue, _coordinated_clauses_end(cue, span[1])))
        if span is not None:
            options.append((kind, span))
    return options


def _clause_on_framing_noun(cue: Token) -> Token | None:
    """A "that" clause the parser hung on the noun of the cue's own phrase: in "said in a
    statement that the protests would go on", what was said, not which statement."""
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            for clause in noun.rights if noun.dep_ == "pobj" else ():
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    return clause
    return None


def _coordinated_clauses_end(cue: Token, end: int) -> int:
    """Where a reported clause ends when the parser hangs the clauses coordinated with it (or
    the rest of it) on the cue: "said that she had seen the emails, and **that the talk masked
    the divisions**", "said that Serbs would never accept mayors who had received, in the
    party's words, **a few hundred votes**" (the object taken for the cue's)."""
    for clause in cue.rights:
        if clause.dep_ == "dobj" and clause.left_edge.idx >= end:
            if WORD_CHAR.search(doc_text(cue.doc)[end : clause.left_edge.idx]):
                break
            end = _clause_span(clause)[1]
        if clause.dep_ == "ccomp" and clause.left_edge.idx >= end:
            if _reports_again(cue, clause):
                return min(end, _end_before_joiner(clause))
            if WORD_CHAR.search(doc_text(cue.doc)[end : clause.left_edge.idx]):
                break
            end = _clause_span(clause)[1]
    return end


def _adverbial_clause_end(cue: Token, end: int) -> int:
    """Where a reported clause ends when the parser hangs its reason on the cue: "said she
    would stay **because the party needed her**"."""
    for clause in cue.rights:
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if clause.dep_ == "advcl" and marks & REASON_MARKS and clause.left_edge.idx >= end \
                and not WORD_CHAR.search(doc_text(cue.doc)[end : clause.left_edge.idx]):
            end = _clause_span(clause)[1]
    return end


def _reports_again(cue: Token, clause: Token) -> bool:
    """Whether a clause is a report of its own by the same verb: in "half **said** the plan
    worked, and a third **said** it failed" the second clause is the third's claim."""
    return bool(cue.lemma_) and clause.lemma_ == cue.lemma_ and any(
        c.dep_ in SUBJECTS for c in clause.children)


def _end_before_joiner(clause: Token) -> int:
    """Where the words before a clause end, without the comma and conjunction that join it."""
    word = clause.left_edge.nbor(-1)
    while word.i > 0 and (word.is_punct or word.dep_ == "cc"):
        word = word.nbor(-1)
    return _end_char(word)


def _infinitive_start(clause: Token, start: int) -> int:
    """ "urged the mayor **to resign**": the person urged is not part of what was urged."""
    return _infinitive_to(clause).idx if _infinitive_subject(clause) is not None else start


def _infinitive_subject(clause: Token) -> Token | None:
    """The subject the parser gave an infinitive ("urged **the mayor** to resign"), if any."""
    to = _infinitive_to(clause)
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    return subject if to is not None and subject is not None and subject.i < to.i else None


def _infinitive_to(clause: Token) -> Token | None:
    return next((c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"), None)


def _clause_span(head: Token) -> tuple[int, int]:
    """The words under ``head``, up to a clause of their own that reports someone else
    ("..., while other growers said ...")."""
    end = head.right_edge
    for token in head.subtree:
        reporting = any(c.dep_ in SUBJECTS for c in token.children) and any(
            c.dep_ == "ccomp" for c in token.children
        )
        if token.dep_ in ("advcl", "conj") and token.i > head.i and reporting:
            end = min(end, token.left_edge.nbor(-1), key=lambda t: t.i)
    for tail in (*_trailing_relative_clauses(head), *_coordinated_predicates(head)):
        end = min(end, _word_before(tail), key=lambda t: t.i)
    return head.left_edge.idx, _end_char(end)


def _trailing_relative_clauses(head: Token) -> list[Token]:
    """Relative clauses set off by a comma that close the content: "praised her plan,
    **which would cut taxes**" reports the plan; PolNeAR leaves the description out."""
    return [clause for noun in head.subtree if noun.pos_ in ("NOUN", "PROPN", "PRON")
            for clause in noun.rights
            if clause.dep_ == "relcl" and clause.right_edge.i == head.right_edge.i
            and clause.left_edge.i > 0 and clause.left_edge.nbor(-1).text == ","]


def _coordinated_predicates(head: Token) -> list[Token]:
    """A finite verb without a subject coordinated with an infinitive or participle content
    goes with the cue, not the content: "vowed to keep the clinic open **and praised the
    ruling**" (the parser often hangs it on the content)."""
    if head.pos_ not in ("VERB", "AUX") or _finite(head):
        return []
    return [verb for verb in head.rights if verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX")
            and _finite(verb) and not any(c.dep_ in SUBJECTS for c in verb.children)]


def _finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def _word_before(dependent: Token) -> Token:
    """The last word before a dependent, past the comma or conjunction that joins it."""
    word = dependent.left_edge.nbor(-1)
    while word.i > 0 and (word.is_punct or word.dep_ == "cc") and \
            word.head.i in (dependent.head.i, dependent.i):
        word = word.nbor(-1)
    return word


def _reason_end(cue: Token, obj: Token) -> int:
    """Where an object's reason, role or circumstances end: "accused the mayor **of lying**",
    "praised her **for her courage**", "named him **as envoy**", "called him **a liar**",
    "offered his congratulations **to the rivals**"; a phrase of time ("on Monday") that
    follows the object is not part of it."""
    end, last = 0, obj.right_edge.i
    for child in cue.rights:
        if child.i <= obj.i:
            continue
        reason = child.dep_ == "oprd" or child.lower_ in REASON_PREPOSITIONS
        next_phrase = child.dep_ == "prep" and child.left_edge.i == last + 1 and not any(
            t.ent_type_ in TIME_ENTITY_LABELS for t in child.subtree)
        if reason or next_phrase:
            end, last = _end_char(child.right_edge), child.right_edge.i
    return end


def _object_and_predicate(cue: Token) -> tuple[int, int] | None:
    """ "called **both candidates “crazy”**": what a verb names something as, with the thing
    named, when the parser found no object for it (an object takes its complement along)."""
    complements = [c for c in cue.rights if c.dep_ == "oprd"]
    if not complements or any(c.dep_ == "dobj" for c in cue.children):
        return None
    first = next(c for c in cue.rights if not c.is_punct and c.dep_ != "prt")
    return first.left_edge.idx, _end_char(complements[-1].right_edge)


def _described_noun(cue: Token) -> tuple[int, int] | None:
    """ "a practice **criticized by** civil rights groups": the noun a passive participle
    with an agent describes is what the agent spoke of (the agent is the speaker)."""
    noun = cue.head
    if cue.dep_ != "acl" or cue.tag_ != "VBN" or noun.pos_ not in ("NOUN", "PROPN") \
            or not any(c.dep_ == "agent" for c in cue.children) or cue.left_edge.i <= noun.i:
        return None
    return noun.left_edge.idx, _end_char(cue.left_edge.nbor(-1))


def _passive_content(cue: Token) -> tuple[int, int] | None:
    """ "X is expected to ...": the passive subject through the end of its complement."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    complement = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp")), None)
    if subject is None or complement is None or complement.i < subject.i:
        return None
    return subject.left_edge.idx, _clause_span(complement)[1]


def _interrupted_clause(cue: Token) -> tuple[int, int] | None:
    """ "The bridge, **he said**, was closed": the clause the cue interrupts or follows,
    without the cue's own words when they close it."""
    head = cue.head.head if cue.head.dep_ in ("aux", "auxpass") else cue.head
    if cue.dep_ != "parataxis" or head.pos_ not in ("VERB", "AUX"):
        return None
    start, end = head.left_edge.idx, _end_char(head.right_edge)
    after_cue = [t for t in head.doc[cue.right_edge.i + 1 : head.right_edge.i + 1]
                 if not t.is_punct]
    if not after_cue and cue.left_edge.i > head.left_edge.i:
        end = _end_char(cue.left_edge.nbor(-1))
    return start, end


def _prepositional_object(cue: Token) -> tuple[int, int] | None:
    """What a cue's first preposition after it governs ("called for **a moratorium**"),
    passing over a time ("warned Kosovo in recent days against **forcing** ...")."""
    for prep in cue_prepositions(cue):
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if prep.i > cue.i and obj is not None and obj.ent_type_ not in TIME_ENTITY_LABELS:
            return _clause_span(obj)
    return None


def adjective_content_options(adjective: Token, quotes: list[tuple[int, int]]
                              ) -> list[tuple[str, tuple[int, int]]]:
    """What a predicate adjective could report: "is confident **that ...**", "was eager **to
    ...**", "is skeptical **of the plan**"."""
    if adjective.dep_ != "acomp":
        return []
    return [(kind, span) for kind, span in content_options(adjective, quotes)
            if kind in ADJECTIVE_CONTENT_KINDS]


def _adjective_speaker(adjective: Token) -> TokenSpan | None:
    """The subject of the verb a predicate adjective completes ("**she** was adamant that")."""
    head = adjective.head
    return _speaker(head) if head.pos_ in ("AUX", "VERB") else None


def noun_content_options(noun: Token) -> list[tuple[str, tuple[int, int]]]:
    """What a noun could report: a clause ("the claim **that ...**"), an infinitive ("his
    promise **to ...**") or a prepositional object ("her comments **on the shooting**")."""
    options = []
    framing = noun.head
    if noun.dep_ == "pobj" and framing.lower_ in FRAMING_PREPOSITIONS and framing.dep_ == "prep" \
            and framing.head.pos_ in ("VERB", "AUX") and framing.head.dep_ == "ROOT":
        options.append(("noun_frame", _rest_of_sentence(framing)))  # "in **his** view, ..."
    predicate = _copula_predicate(noun)
    if predicate is not None:
        options.append(("noun_copula", predicate))  # "her **view** is **that ...**"
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and child.pos_ in ("VERB", "AUX"):
            marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
            if "to" in marks:
                options.append(("noun_to", _clause_span(child)))
            elif marks & {"that", "whether", "if"}:
                options.append(("noun_clause", _clause_span(child)))
        elif child.dep_ == "prep" and child.lower_ in NOUN_PREPOSITIONS:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                options.append(("noun_prep", _clause_span(obj)))
    return options


def _copula_predicate(noun: Token) -> tuple[int, int] | None:
    """What a noun that is the subject of *be* is said to be: "the senator's biggest
    **takeaway** is **a belief that the party wants fewer voters**"."""
    copula = noun.head
    if noun.dep_ != "nsubj" or copula.lemma_ != "be" or copula.i < noun.i:
        return None
    after = [t for t in copula.rights if not t.is_punct]
    if not after:
        return None
    return after[0].left_edge.idx, _end_char(after[-1].right_edge)


def _noun_speaker(noun: Token) -> TokenSpan:
    """Whose statement a noun is: its owner ("**his** claim", "**the mayor's** plan") or its
    "by" phrase ("a statement **by the ministry**"); else nobody is named (empty)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if owner is None:
        return noun.doc[noun.i : noun.i]
    phrase = _phrase(owner)
    if phrase[-1].tag_ == "POS":  # "the mayor's" -> "the mayor"
        phrase = phrase[:-1]
    return phrase


def _speaker(cue: Token) -> TokenSpan | None:
    """The cue's subject, or the subject it shares ("..., adding that"); a relative pronoun
    stands for the noun its clause describes ("farmers who say ..."). A subject that names no
    one ("there", "what") gives None; no subject at all (a passive without an agent, a verb the
    parser left without one) gives an empty speaker."""
    token = cue
    for _ in range(3):
        subject = next((c for c in clause_children(token) if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.dep_ != "nsubjpass":
            if subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return _phrase(token.head, relative_clause=False)  # not "farmers who say ..."
            return None if subject.lower_ in NOBODY else _phrase(subject)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None and any(c.dep_ == "pobj" for c in agent.children):
            pobj = next(c for c in agent.children if c.dep_ == "pobj")
            return _phrase(pobj)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return _phrase(token.head)  # "a statement **announcing** ...", "farmers **angry** that"
        if token.dep_ not in ("advcl", "xcomp", "conj") or token.head.i == token.i:
            break
        token = token.head
    return cue.doc[cue.i : cue.i]


def _phrase(head: Token, relative_clause: bool = True) -> TokenSpan:
    """The speaker phrase: the subject's words with a relative clause, as PolNeAR marks the
    source ("the Europeans, who had been left out of the talks,"), without a participle
    clause or trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    cut = ("acl",) if relative_clause else ("relcl", "acl")
    for child in head.rights:
        if child.dep_ in cut:
            end = min(end, child.left_edge.i)
    while end - start > 1 and doc[end - 1].is_punct:
        end -= 1
    # a subject never runs across a paragraph break (a left-over heading before it)
    breaks = [t.i for t in doc[start:end] if "\n" in t.text or "\n" in t.whitespace_]
    if breaks and breaks[-1] + 1 < end:
        start = breaks[-1] + 1
    return doc[start:end]


def _cue_text(cue: Token) -> str:
    """The cue as written, with its particle ("pointed out") and, when negated, the words
    from its first auxiliary or negation on ("did not say"), so the negation is seen."""
    words = [cue] + [c for c in cue.children if c.dep_ == "prt"]
    text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    negation = negation_words(cue)
    if not negation:
        return text
    start = negation[0].idx
    return doc_text(cue.doc)[start : cue.idx] + text


def _preposition_before(doc: Doc, content: tuple[int, int]) -> str:
    """The preposition a prepositional content follows, which the cue needs to be read right:
    "warned Kosovo **against** forcing access", "called **for** calm"."""
    first = next((t for t in doc if t.idx >= content[0]), None)
    before = first.nbor(-1) if first is not None and first.i > 0 else None
    return before.text if before is not None and before.dep_ == "prep" else ""


def negation_words(cue: Token) -> list[Token]:
    """The negation before a cue with the auxiliaries before it ("**did not** say", "**has
    never** claimed"); empty when the cue is not negated."""
    negations = [c for c in cue.children if c.dep_ == "neg" and c.i < cue.i]
    if not negations:
        return []
    auxiliaries = [c for c in cue.children
                   if c.dep_ in ("aux", "auxpass") and c.i < negations[0].i]
    return sorted(auxiliaries + negations, key=lambda t: t.i)


def _stance_lemma(cue: Token) -> str:
    """The lemma that sets a claim's stance; a negated cue ("did not deny") takes none."""
    return "" if negation_words(cue) else cue.lemma_.lower()


def _adjacent_quote(cue: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation right before the cue's clause ("“...,” he said", also when the parser hung
    the quotation's words on the cue) or right after it in the same sentence ("she said:
    “...”")."""
    text = doc_text(cue.doc)
    last = cue.right_edge
    for start, end in quotes:
        if start <= cue.idx < end:
            continue  # a verb inside the quotation is what is quoted, not its cue
        first = next(t for t in cue.subtree if not start <= t.idx < end)
        if end <= first.idx and not text[end : first.idx].strip(" ,"):
            return start, end  # “...,” she said
        if _end_char(last) <= start and not text[_end_char(last) : start].strip(" ,:") \
                and last.text not in SENTENCE_ENDS:  # "she said. “...”" is another sentence
            return start, end  # she said: “...”
    return None


def _joined_to_quote(span: tuple[int, int], quotes: list[tuple[int, int]],
                     speaker: TokenSpan) -> tuple[int, int]:
    """Content that lies mostly within a quotation takes in the whole quotation and keeps
    its words outside it: "said **the people “have been suffering ...”**"; but never the
    speaker's own name when the quotation opens before it (a quoted transcript, “PENCE:
    **Well, ...**")."""
    q_start, q_end = _widen_to_quotes(span, quotes)
    start = min(span[0], q_start)
    if len(speaker) and start <= speaker.start_char < span[0]:
        start = span[0]
    return start, max(span[1], q_end)


def _widen_to_quotes(span: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content that lies within a quotation becomes the whole quotation."""
    start, end = span
    for q_start, q_end in quotes:
        inside = min(end, q_end) - max(start, q_start)
        if inside > 0 and inside >= 0.5 * (end - start):
            return q_start, q_end
    return span


def _continue_quotes(claims: list[Claim], quotes: list[tuple[int, int]], text: str) -> list[Claim]:
    """Quotations that follow a claim ending in a quotation, in its paragraph and before any
    other claim of a later sentence, continue it: “...,” he said. “...” is one claim. A claim
    in the cue's own sentence describes the speaker and leaves the quotations to them:
    “...,” said Ann Lee, who backed Cruz. “...”."""
    starts = sorted(c.content_start for c in claims)
    quote_ends = {end for _, end in quotes}
    for claim in sorted(claims, key=lambda c: c.content_start):
        if claim.content_end not in quote_ends:
            continue
        for start, end in quotes:
            if start < claim.content_end:
                continue
            between = (max(claim.content_end, claim.evidence.end), start)
            if "\n" in text[claim.content_end : start] or any(
                between[0] <= s <= between[1] for s in starts
            ) or _reported_by_another(claim, (start, end), claims):
                break
            _set_pieces(claim, [*claim.spans(), (start, end)], text)
    return claims


def _reported_by_another(claim: Claim, quote: tuple[int, int], claims: list[Claim]) -> bool:
    """Whether a quotation is (part of) another claim's content: "“...,” said Beck, who said
    there were “...”" or "..., adding that “...”" gives the quotation to that claim."""
    return any(other is not claim and other.content_start < quote[1]
               and quote[0] < other.content_end for other in claims)


def _claim(
    doc: Doc,
    article: Article | None,
    mentions: Sequence[Mention],
    found: Attribution,
    pieces: list[tuple[int, int]],
    quotes: list[tuple[int, int]],
    sentence: TokenSpan,
) -> Claim:
    article_id = article.id if article else ""
    start, end = pieces[0][0], pieces[-1][1]
    direct, stance = (start, end) in set(quotes), STANCE_OF_CUE.get(found.cue_lemma)
    claim = Claim(
        id=record_id("claim", article_id, start, end),
        speaker=found.speaker.text,
        cue=found.cue,
        content="",
        content_start=start,
        content_end=end,
        direct=direct,
        evidence=evidence(article, sentence),
        speaker_entity_id=phrase_entity(found.speaker, mentions),
        stance=stance,
        kind=found.kind,
        speech=_is_speech(found.kind, direct, stance, found.verbal_act),
        addressee=found.addressee.text if found.addressee else None,
        addressee_entity_id=phrase_entity(found.addressee, mentions) if found.addressee else None,
    )
    _set_pieces(claim, pieces, doc_text(doc))
    return claim


def _set_pieces(claim: Claim, pieces: list[tuple[int, int]], text: str) -> None:
    """The content as its pieces: one piece is the span itself; several are listed in
    ``content_spans`` and their text joined by an ellipsis."""
    claim.content_start, claim.content_end = pieces[0][0], pieces[-1][1]
    claim.content_spans = [Span(a, b, text[a:b]) for a, b in pieces] if len(pieces) > 1 else []
    claim.content = " … ".join(text[a:b] for a, b in pieces)


def phrase_entity(phrase: TokenSpan, mentions: Sequence[Mention]) -> str | None:
    """The entity a speaker or addressee phrase names: its head ("Kurti", "he" when
    coreference resolved it) or a name describing the head ("the Kremlin spokesman"), never a
    nationality or a place standing for one ("Serbian officials", "a Kosovo security
    official") or a place or person in a phrase after it ("a diplomat in Pristina", "the aide
    to Vučić"): those stay vague."""
    head = phrase.root
    inside = [m for m in mentions if phrase.start_char <= m.start and m.end <= phrase.end_char]
    on_head = [m for m in inside if m.start <= head.idx < m.end]
    describing = [m for m in inside if not _where_from(m, head)
                  and not _after_a_preposition(phrase.doc, m, head)]
    found = on_head or describing
    return found[0].entity_id if found else None


def _where_from(mention: Mention, head: Token) -> bool:
    """Whether a name before the head says where the speaker is from, not whom they speak for:
    a nationality ("Serbian officials"), or a country or town before a person ("a senior
    Kosovo security official") rather than before an agency ("the Kosovo government" speaks
    for Kosovo). An institution's name is whom its people speak for ("the Kremlin
    spokesman")."""
    if mention.label == "NORP":
        return True
    dictionary = actor_dictionary()
    name, role = dictionary.lookup(mention.text), dictionary.lookup(head.text)
    place = (name.type == "GPE" if name
             else mention.label in PLACE_LABELS or bool(gazetteer().lookup(mention.text)))
    return place and not (role and role.type == "AGENT")


def _after_a_preposition(doc: Doc, mention: Mention, head: Token) -> bool:
    """Whether the mention hangs on the head through a preposition ("officials in Pristina")."""
    token = doc.char_span(mention.start, mention.end, alignment_mode="expand").root
    while token != head and token.head != token:
        if token.dep_ in ("prep", "agent"):
            return True
        token = token.head
    return False


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span without surrounding spaces and commas."""
    start, end = span
    while start < end and text[start] in " \n\t,;:":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:":
        end -= 1
    return start, end


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)
