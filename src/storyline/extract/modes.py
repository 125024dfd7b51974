"""The mode of an event: did it happen, or is it denied, planned, threatened, hypothetical, or
only claimed by someone the article quotes?

Read off the dependency parse, never the string: the words that govern the trigger within its
clause (the "scope chain": "has no PLAN to DEPLOY", "THREATENED to attack", "WILL meet") and
their negation, auxiliaries and markers. The first mode that applies wins, in this order:
negated, threatened, hypothetical (a condition: "if ..."), planned, hypothetical (a modal:
could, might, may), hypothetical (asked of someone: "URGED Pristina to halt"), claimed (what
someone is ACCUSED of, or inside a claim's content), asserted.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from storyline.extract.frames import FINITE_TAGS, EventFrame, conjunct_head
from storyline.records import EventMode

# How a trigger's scope climbs to the words that govern it inside one clause.
SCOPE_DEPENDENCIES = {
    "xcomp",
    "acl",
    "dobj",
    "pobj",
    "prep",
    "attr",
    "conj",
    "compound",
    "nsubj",
    "nsubjpass",
    "oprd",
    "pcomp",
    "appos",
    "npadvmod",
    "acomp",  # "is due to meet": the adjective governs the verb
}
DENIAL_VERBS = {"deny", "refuse", "fail", "decline", "reject", "dismiss", "rule"}
THREAT_VERBS = {"threaten", "warn"}
INTENT_VERBS = {
    "plan",
    "intend",
    "prepare",
    "schedule",
    "expect",
    "aim",
    "set",
    "decide",
    "propose",
    "promise",
    "pledge",
    "vow",
    "agree",
    "seek",
    "want",
    "hope",
    "try",
    "attempt",
    "mean",
}
INTENT_NOUNS = {"plan", "intention", "proposal", "readiness", "offer", "bid", "request"}
INTENT_ADJECTIVES = {"due", "poised", "ready", "willing", "eager", "keen"}  # "is due to meet"
INTENT_MODIFIERS = {
    "planned",
    "upcoming",
    "scheduled",
    "proposed",
    "expected",
    "future",
    "possible",
}
# Verbs whose complement is an act asked of someone, not done: "urged Pristina to HALT",
# "called for TALKS", "demanded that the mayors RESIGN". The act has not happened (yet).
REQUEST_VERBS = {
    "urge",
    "call",
    "demand",
    "ask",
    "appeal",
    "press",
    "push",
    "pressure",
    "encourage",
    "request",
    "exhort",
    "implore",
    "invite",
    "advise",
    "order",
    "instruct",
    "tell",
}
# Verbs whose content is an act someone is charged with: "accused Kurti OF PROVOKING",
# "alleged that police BEAT him". The act happened only according to the accuser.
ACCUSATION_VERBS = {"accuse", "allege", "charge"}
# How each links its content: object control or "call for", "push for" ...; "accused of",
# "charged with"; and a "that" clause after the verb (not "told" or "said": their content
# is a statement, which claims handle).
REQUEST_LINKS = {"xcomp", "for"}
ACCUSATION_LINKS = {"of", "with"}
REQUEST_CONTENT_VERBS = {"urge", "demand", "ask", "request", "recommend"}
ACCUSATION_CONTENT_VERBS = {"allege"}
FUTURE_AUXILIARIES = {"will", "shall", "would", "'ll", "wo", "'d"}
MAYBE_AUXILIARIES = {"could", "might", "may", "can", "should", "must", "ca"}
CONDITIONS = {"if", "unless", "whether"}
SEQUENCE_VERBS = {"follow", "precede"}  # "..., followed by talks": as the event before
# An event in a time adjunct is another event that only dates this one: "NATO prepared to
# send troops AFTER the clashes" plans no clash; "after meeting the envoys, he said troops
# would not enter" denies no meeting.
TIME_PREPOSITIONS = {"after", "before", "since", "following", "during", "amid", "until", "ahead"}


def event_mode(
    frame: EventFrame, claim_spans: Sequence[tuple[int, int]] = (), refusal: bool = False
) -> EventMode:
    """``refusal``: the event is typed as the refusal its negation makes of the trigger
    ("would never accept the mayors" is REJECT), so the negation is the act, not its mode."""
    scope = scope_chain(frame.trigger)
    governors = scope[1:]  # the trigger's own lemma ("threatened") is the event, not its mode
    if _negated(scope) and not refusal:
        return "negated"
    if any(t.lemma_.lower() in THREAT_VERBS for t in governors) or _reported_by(
        scope, THREAT_VERBS
    ):
        return "threatened"
    if _conditional(scope):
        return "hypothetical"
    if _planned(scope, governors):
        return "planned"
    if _auxiliaries(scope) & MAYBE_AUXILIARIES:
        return "hypothetical"
    content_of = _content_of(scope)
    if content_of in REQUEST_VERBS or _reported_by(scope, REQUEST_CONTENT_VERBS):
        return "hypothetical"  # asked for, not done
    if content_of in ACCUSATION_VERBS or _reported_by(scope, ACCUSATION_CONTENT_VERBS):
        return "claimed"
    if in_claim(frame.trigger, claim_spans):
        return "claimed"
    return "asserted"


def _content_of(scope: list[Token]) -> str | None:
    """The lemma of the nearest verb in the scope whose request or accusation the trigger's
    act is ("urged Pristina to halt", "called for talks", "accused Kurti of provoking"):
    in "accused the EU of pushing Belgrade to accept the loss", the accepting is what the EU
    is said to push for (asked, not done), the pushing what it is accused of."""
    for word, governor in zip(scope, scope[1:], strict=False):
        if governor.pos_ == "ADP":  # "for" or "of": the verb is one step further up,
            verb, link = governor.head, governor.lower_
            if verb.dep_ == "dobj":  # or two, when the parse hangs it on the object
                verb = verb.head  # ("accused [Kurti of provoking]")
        else:
            verb, link = governor, word.dep_
            if link in ("conj", "advcl") and _infinitive(word):
                link = "xcomp"  # "called on X to ..., and on Y to withdraw": a second one;
                # the parser often takes "on Y to end" for a purpose clause
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if (lemma in REQUEST_VERBS and link in REQUEST_LINKS) or (
            lemma in ACCUSATION_VERBS and link in ACCUSATION_LINKS
        ):
            return lemma
    return None


def in_claim(trigger: Token, claim_spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the trigger lies in a claim's content, and so does the verb it is coordinated
    with: in "Kurti said the mayors would remain and accused Belgrade", the accusation goes
    with *said*, outside the content, and is the outlet's report, not Kurti's claim."""
    clause = _clause_verb(trigger)
    partner = conjunct_head(clause) if clause.dep_ == "conj" and clause.pos_ == "VERB" else clause
    return any(
        start <= trigger.idx < end and start <= partner.idx < end for start, end in claim_spans
    )


def _clause_verb(token: Token) -> Token:
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def scope_chain(trigger: Token) -> list[Token]:
    """The trigger and the words above it in its own clause, nearest first."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i:
        if _shares_scope(token):
            token = token.head
        elif (sequenced := _sequenced_event(token)) is not None:
            token = sequenced
        else:
            break
        chain.append(token)
    return chain


def _sequenced_event(token: Token) -> Token | None:
    """The event a "followed by" / "preceded by" phrase continues, whose mode it shares
    ("Vučić will meet the envoy, followed by talks with ...": the talks are planned too).
    The parser often hangs the participle on a verb of saying around the event ("..., his
    office said, followed by talks"): then the event is what was said."""
    participle = token.head
    if token.dep_ != "agent" or participle.dep_ != "advcl" or (
        participle.lemma_.lower() not in SEQUENCE_VERBS
    ):
        return None
    event = participle.head
    said = [c for c in event.children if c.dep_ == "ccomp"]
    return said[0] if said else event


def _shares_scope(token: Token) -> bool:
    """Whether the word's mode is that of the word it depends on."""
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in TIME_PREPOSITIONS:
        return False
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and _own_clause(token):
        return False
    return token.dep_ in SCOPE_DEPENDENCIES or _purpose(token)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _own_clause(verb: Token) -> bool:
    """A conjoined verb with its own tense or auxiliaries has its own mode: in "Russia does
    not recognise Kosovo and has backed Belgrade", the backing is not negated; in "did not
    attack or loot", the bare *loot* shares the negation, and in "called on Pristina to
    suspend operations and on protesters to withdraw", an infinitive has no tense of its
    own: the withdrawing is asked for too."""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass", "neg") and c.lower_ != "to" for c in verb.children
    )


def _purpose(token: Token) -> bool:
    """An infinitive of purpose ("submit a request to permit X") shares its clause's mode."""
    return token.dep_ == "advcl" and _infinitive(token)


def _negated(scope: list[Token]) -> bool:
    for token in scope:
        for child in token.children:
            if child.dep_ == "neg":  # not, n't, never
                return True
            if child.dep_ == "det" and child.lower_ == "no":  # "no plan to deploy"
                return True
    governors = scope[1:]
    return any(t.lemma_.lower() in DENIAL_VERBS for t in governors) or _reported_by(
        scope, DENIAL_VERBS
    )


def _reported_by(scope: list[Token], lemmas: set[str]) -> bool:
    """The clause is the content of such a verb: "denied that ...", "warned that ..."."""
    top = scope[-1]
    # the content follows the verb; a clause before it is a misparse of another construction
    # ("X accused the government, a charge Vučić rejected")
    return top.dep_ == "ccomp" and top.i > top.head.i and top.head.lemma_.lower() in lemmas


def _conditional(scope: list[Token]) -> bool:
    """The event is the condition ("if they attack") or depends on one ("if talks fail, the
    army will attack"), or it is what a promise waits for ("Serbs would stay until the
    mayors **withdrew**": no withdrawal has happened)."""
    for token in scope:
        if _awaited(token):
            return True
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONS:
                return True
            if child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONDITIONS for c in child.children
            ):
                return True
    return False


def _awaited(clause: Token) -> bool:
    """An "until" clause of a clause about the future ("will / would stay until ...")."""
    return (clause.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "until" for c in clause.children)
            and bool(_auxiliaries([clause.head]) & FUTURE_AUXILIARIES))


def _planned(scope: list[Token], governors: list[Token]) -> bool:
    if _auxiliaries(scope) & FUTURE_AUXILIARIES:
        return True
    if any(_going_to(t) for t in scope):
        return True
    for token in governors:
        lemma = token.lemma_.lower()
        if (
            (token.pos_ == "VERB" and lemma in INTENT_VERBS)
            or (token.pos_ == "NOUN" and lemma in INTENT_NOUNS)
            or (token.pos_ == "ADJ" and lemma in INTENT_ADJECTIVES)
        ):
            return True
    return any(
        (c.dep_ in ("amod", "compound") and c.lower_ in INTENT_MODIFIERS)
        or (c.dep_ == "acl" and c.lemma_.lower() in INTENT_VERBS)  # "meetings scheduled for"
        for t in scope
        if t.pos_ in ("NOUN", "PROPN")
        for c in t.children
    )


def _auxiliaries(scope: list[Token]) -> set[str]:
    return {c.lower_ for t in scope for c in t.children if c.dep_ in ("aux", "auxpass")}


def _going_to(token: Token) -> bool:
    """ "is going to meet": meet is the xcomp of a progressive "go"."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_ == "go"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    )
