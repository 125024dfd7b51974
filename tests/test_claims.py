"""Claims: speaker as written, cue, content offsets, direct quotes, entity links, ids."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.annotate import annotate
from storyline.extract.claim_model import option_features
from storyline.extract.claims import (
    content_options,
    cue_candidate,
    find_claims,
    find_claims_in_text,
    quotation_spans,
    reports_speech,
)
from storyline.models import nlp
from storyline.outputs.briefing import claims_by_speaker
from storyline.records import Article, Claim, from_dict, to_dict

pytestmark = pytest.mark.slow


def only_claim(text: str) -> Claim:
    claims = find_claims_in_text(text)
    assert len(claims) == 1, [(c.speaker, c.cue, c.content) for c in claims]
    claim = claims[0]
    assert claim.content == " … ".join(text[start:end] for start, end in claim.spans())
    return claim


def test_vague_speaker_stays_vague():
    claim = only_claim("A senior Western diplomat argued that the sanctions had failed.")
    assert claim.speaker == "A senior Western diplomat"
    assert claim.cue == "argued"
    assert claim.content == "that the sanctions had failed"
    assert not claim.direct
    assert claim.speaker_entity_id is None


def test_a_subject_the_parse_hangs_on_the_auxiliary_is_the_speaker():
    claim = only_claim("Consul Mira Novak-Stein has in recent weeks repeatedly warned that "
                       "the border crossing would close.")
    assert claim.speaker == "Consul Mira Novak-Stein"
    assert claim.content == "that the border crossing would close"


@pytest.mark.parametrize(
    "text",
    [
        "According to the mayor, the bridge stayed closed on Friday.",
        "The bridge stayed closed on Friday, according to the mayor.",
    ],
)
def test_according_to(text: str):
    claim = only_claim(text)
    assert (claim.speaker, claim.cue) == ("the mayor", "according to")
    assert claim.content.lower().startswith("the bridge stayed closed on friday")
    assert "mayor" not in claim.content


def test_direct_quote_before_the_cue():
    claim = only_claim("“We will not give up the north,” the minister told reporters.")
    assert claim.direct
    assert (claim.speaker, claim.cue) == ("the minister", "told")
    assert claim.content == "“We will not give up the north,”"


def test_quotation_that_goes_on_after_the_cue_is_one_claim():
    text = ("“We want peace. We have always wanted it,” she said. "
            "“Nobody here wants another war.”")
    claim = only_claim(text)
    assert claim.direct and claim.speaker == "she"
    assert claim.content == ("“We want peace. We have always wanted it,” … "
                             "“Nobody here wants another war.”")
    assert [text[start:end] for start, end in claim.spans()] == [
        "“We want peace. We have always wanted it,”", "“Nobody here wants another war.”"]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("The new bridge, the mayor said on Monday, will open in spring.",
         ["The new bridge", "will open in spring"]),
        ("The talks are expected to resume next week.", ["The talks", "to resume next week"]),
    ],
)
def test_content_the_attribution_interrupts_is_split_around_it(text, pieces):
    claim = only_claim(text)
    assert [text[start:end] for start, end in claim.spans()] == pieces
    assert (claim.content_start, claim.content_end) == (text.index(pieces[0]), text.index(
        pieces[-1]) + len(pieces[-1]))
    assert from_dict(Claim, to_dict(claim)) == claim  # pieces are stored with the record


def test_an_acts_object_is_kept_with_its_kind_but_not_listed_as_said():
    text = "The mayor declared a state of emergency. The mayor said that the bridge would reopen."
    declared, said = (from_dict(Claim, to_dict(c)) for c in find_claims_in_text(text))
    assert (declared.cue, declared.kind, declared.content) == (
        "declared", "dobj", "a state of emergency")
    assert (said.cue, said.kind) == ("said", "ccomp")
    assert not reports_speech(declared) and reports_speech(said)
    (speaker, reported), = claims_by_speaker([declared, said], {})
    assert (speaker, [r.claim.content for r in reported]) == (
        "The mayor", ["that the bridge would reopen"])
    older = to_dict(declared)
    del older["speech"]  # a record stored before ``speech``: judged by its kind
    assert not reports_speech(from_dict(Claim, older))
    del older["kind"]  # a record stored before kinds: shown as before
    assert reports_speech(from_dict(Claim, older))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The governments of both countries demanded an end to the fighting.",
         "an end to the fighting"),
        ("Western embassies called for calm.", "calm"),
        ("The minister rejected the offer.", "the offer"),
    ],
)
def test_the_object_of_an_act_of_words_is_listed_as_said(text: str, content: str):
    claim = only_claim(text)
    assert claim.kind in ("dobj", "prep") and claim.content == content
    assert reports_speech(claim)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The premier called the decision unfair.", "the decision unfair"),
        ("The premier called the attack on the convoy absolutely unacceptable and cruel.",
         "the attack on the convoy absolutely unacceptable and cruel"),
    ],
)
def test_what_the_cue_calls_its_object_is_recorded_as_oprd(text: str, content: str):
    claim = only_claim(text)
    assert (claim.kind, claim.content) == ("oprd", content)
    assert reports_speech(claim)


def test_an_object_named_as_something_is_listed_as_said():
    text = "The union described the pay offer as an insult. The farmers sold their hay in May."
    described = next(c for c in find_claims_in_text(text) if c.cue == "described")
    assert (described.kind, described.content) == ("oprd", "the pay offer as an insult")
    assert reports_speech(described)


def test_a_record_stored_without_pieces_is_one_span():
    stored = to_dict(only_claim("A senior Western diplomat argued that the talks had stalled."))
    del stored["content_spans"]
    claim = from_dict(Claim, stored)
    assert claim.spans() == [(claim.content_start, claim.content_end)]


def test_attribution_words_at_the_edge_of_a_content_stay():
    claim = only_claim("The senator accused the governor of lying about the budget.")
    assert claim.content == "the governor of lying about the budget"
    assert claim.content_spans == []


def test_negated_cue_and_stance():
    claim = only_claim("The ministry denied that its troops had crossed the border.")
    assert claim.cue == "denied" and claim.stance == "against"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor did not say that the bridge would close.", "did not say"),
        ("The ministry has never denied that its troops crossed the border.", "has never denied"),
    ],
)
def test_negated_cue_keeps_its_negation_and_takes_no_stance(text: str, cue: str):
    claim = only_claim(text)
    assert claim.cue == cue  # the reader sees the negation
    assert claim.content.startswith("that ")
    assert claim.stance is None  # "never denied" is not against


def test_plain_report_has_no_claim():
    assert find_claims_in_text("The bridge stayed closed on Friday after heavy rain.") == []


def test_speaker_is_linked_to_its_entity_and_ids_are_stable():
    text = "Albin Kurti said the police would stay in the north. He added that talks could resume."
    article = Article(id="k1", origin="k1.txt", title=None, text=text, content_hash="k1")
    (annotation,) = annotate([article])
    claims = find_claims(annotation)
    assert [c.speaker for c in claims] == ["Albin Kurti", "He"]
    kurti = {m.entity_id for m in annotation.mentions if m.text == "Albin Kurti"}
    assert claims[0].speaker_entity_id in kurti
    assert claims[1].speaker_entity_id in kurti  # "He" is Kurti
    assert claims[0].evidence.article_id == "k1"
    assert [c.id for c in find_claims(annotation)] == [c.id for c in claims]
    assert len({c.id for c in claims}) == 2


@pytest.mark.parametrize(
    ("text", "addressee", "content"),
    [
        ("The embassy urged the council not to close the ferry port.", "the council",
         "not to close the ferry port"),
        ("The governor called on the army to leave the valley.", "the army",
         "to leave the valley"),
        ("The minister told reporters that the bridge would reopen.", "reporters",
         "that the bridge would reopen"),
        ("The mayor told the fishermen: \"The harbour will stay closed until Friday.\"",
         "the fishermen", "\"The harbour will stay closed until Friday.\""),
        # the parser hangs "against" on the date: the content is not "recent days"
        ("The embassy had warned the council in recent days against closing the port.",
         "the council", "closing the port"),
    ],
)
def test_whom_the_words_were_addressed_to(text: str, addressee: str, content: str):
    claim = only_claim(text)
    assert (claim.addressee, claim.content) == (addressee, content)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said Monday that the bridge would reopen.",  # a date, not a person
        "The governor condemned the attack on the convoy.",  # the object is the content
        "The minister said the bridge would reopen.",
        "Local media presented it as evidence that the plan had failed.",  # a thing
    ],
)
def test_no_addressee_when_the_text_names_none(text: str):
    assert only_claim(text).addressee is None


def test_the_addressee_is_linked_to_its_entity():
    text = "Albin Kurti urged Aleksandar Vučić to withdraw the troops from the line."
    article = Article(id="k2", origin="k2.txt", title=None, text=text, content_hash="k2")
    (annotation,) = annotate([article])
    (claim,) = find_claims(annotation)
    vucic = {m.entity_id for m in annotation.mentions if m.text == "Aleksandar Vučić"}
    assert claim.addressee == "Aleksandar Vučić"
    assert vucic and claim.addressee_entity_id in vucic
    assert from_dict(Claim, to_dict(claim)) == claim


def test_quotation_interrupted_by_a_long_cue_clause_is_one_claim():
    text = ("''The harvest was poor this year,'' said Tomas Berg, a farmer near the river. "
            "''We will plant earlier next spring.''")
    claim = only_claim(text)
    assert claim.speaker.startswith("Tomas Berg")  # with his apposition, as written
    assert claim.content.startswith("''The harvest")
    assert claim.content.endswith("next spring.''")


def test_relative_pronoun_speaker_is_the_noun_it_describes():
    claims = find_claims_in_text("Farmers who say that prices will fall are selling early.")
    assert [(c.speaker, c.cue) for c in claims] == [("Farmers", "say")]
    assert claims[0].content == "that prices will fall"


def test_subject_that_names_no_one_gives_no_candidate():
    doc = nlp()("What troubled the mayor was the closure of the bridge.")
    troubled = next(t for t in doc if t.text == "troubled")
    assert cue_candidate(troubled, []) is None  # "what" names no one


def test_it_as_subject_is_a_speaker_as_written():
    claim = only_claim("The notice went up at noon. It says that the ferry will not sail today.")
    assert (claim.speaker, claim.cue) == ("It", "says")
    assert claim.content == "that the ferry will not sail today"


def test_passive_cue_without_agent_has_an_empty_speaker():
    claim = only_claim("The new mayor is expected to open the bridge on Monday.")
    assert (claim.speaker, claim.cue) == ("", "expected")
    assert claim.content == "The new mayor … to open the bridge on Monday"


def test_reported_clause_stops_before_someone_elses_report():
    claims = find_claims_in_text(
        "Several growers said the rain had come too late, while other growers said "
        "the crop was fine."
    )
    contents = sorted(c.content for c in claims)
    assert contents == ["the crop was fine", "the rain had come too late"]


def test_name_and_colon_opening_a_paragraph_is_a_claim():
    text = "The hearing went on.\n\nMARTINEZ: We never agreed to any of that.\n\nUPDATE: It ended."
    claim = only_claim(text)
    assert (claim.speaker, claim.cue) == ("MARTINEZ", ":")
    assert claim.content == "We never agreed to any of that."


def test_a_dash_and_a_name_closing_a_line_sign_the_quotation_before_them():
    late = "\u201cThe ferry has been late every single day this winter.\u201d"
    nobody = "\u201cNobody at the port answers the phone anymore.\u201d"
    rebuild = "\"We will rebuild the pier before the summer season begins.\""
    text = (f"Readers wrote in about the ferries.\n\n{late} \u2015 Dana Whitfield\n"
            f"{nobody}\u2015 Omar Castillo\n\n{rebuild}\n\n- Maria Lopez.")
    claims = find_claims_in_text(text)
    assert [(c.speaker, c.cue, c.content, c.kind) for c in claims] == [
        ("Dana Whitfield", "\u2015", late, "signed"),
        ("Omar Castillo", "\u2015", nobody, "signed"),
        ("Maria Lopez", "-", rebuild, "signed")]
    assert all(c.direct and c.speech for c in claims)


def test_a_tweet_is_signed_by_its_author():
    text = ("The post drew replies.\n\nNo one should stand above the harbour law. "
            "\u2014 Paul Ryan (@SpeakerRyan) July 5, 2016")
    claim = only_claim(text)
    assert (claim.speaker, claim.content) == ("Paul Ryan",
                                              "No one should stand above the harbour law.")


@pytest.mark.parametrize("text", [
    "She ran against the far better-funded \u2014 Hillary Clinton.",  # a dash in running text
    "He clerked for then-Chief Justice William Rehnquist.",  # a hyphen inside a word
    "Polls show the race has narrowed this month.\n\n- Scott Clement.",  # an author signs
    "The pier at dusk \u2014 Getty Images",  # a credit
])
def test_a_name_after_a_dash_that_signs_no_quotation_is_no_speaker(text):
    assert not [c for c in find_claims_in_text(text) if c.kind == "signed"]


def test_a_headline_name_and_colon_is_a_claim_but_a_label_is_not():
    text = ("Okafor: Ferry Service Will Not Resume Before Spring\n\n"
            "The harbour master spoke to the council on Monday about the pier.")
    claim = next(c for c in find_claims_in_text(text) if c.kind == "line")
    assert (claim.speaker, claim.content) == ("Okafor",
                                              "Ferry Service Will Not Resume Before Spring")
    labelled = "The Latest: Ferry Service Will Not Resume Before Spring\n\nThe pier is shut."
    assert not [c for c in find_claims_in_text(labelled) if c.kind == "line"]
    # only the headline: further down, a name must be tagged or be one upper-case word
    later = "The pier is shut for the winter season.\n\nOkafor: the ferries stay in port."
    assert not [c for c in find_claims_in_text(later) if c.kind == "line"]


@pytest.mark.parametrize(("text", "expected"), [
    (  # an interview's question and answer lines
        "The interview was edited.\n\nQ: Will the harbour reopen this year?\n\n"
        "A: We expect the harbour to reopen in the spring.",
        [("Q", ":", "Will the harbour reopen this year?"),
         ("A", ":", "We expect the harbour to reopen in the spring.")]),
    (  # a quoted transcript: each paragraph opens with a quotation mark, the name inside it
        "From the broadcast transcript:\n\n"
        "\u201cHARRIS: Will the ferry service resume before the winter storms?\n\n"
        "\u201cOKAFOR: The ferries will sail again once the pier has been inspected.\u201d",
        [("HARRIS", ":", "Will the ferry service resume before the winter storms?"),
         ("OKAFOR", ":", "The ferries will sail again once the pier has been inspected.\u201d")]),
])
def test_the_lines_of_an_interview_are_their_speakers_claims(text, expected):
    claims = find_claims_in_text(text)
    assert [(c.speaker, c.cue, c.content) for c in claims] == expected


def test_object_keeps_its_reason():
    claim = only_claim("The senator accused the mayor of hiding the budget figures.")
    assert claim.content == "the mayor of hiding the budget figures"
    assert claim.stance == "against"


def test_noun_cue_with_its_owner_as_speaker():
    claims = find_claims_in_text("His claim that the ballots were forged was never proven.")
    assert [(c.speaker, c.cue, c.content) for c in claims] == [
        ("His", "claim", "that the ballots were forged")]


def test_cue_that_interrupts_the_reported_clause():
    claim = only_claim("The harbour, the port director said, will reopen on Monday.")
    assert (claim.speaker, claim.cue) == ("the port director", "said")
    assert claim.content == "The harbour … will reopen on Monday"


def test_vague_speaker_with_an_infinitive_content():
    claim = only_claim("A senior Russian diplomat urged the two sides to resume the talks.")
    assert (claim.speaker, claim.cue) == ("A senior Russian diplomat", "urged")
    assert claim.content == "to resume the talks"


def test_an_object_the_parser_hung_on_the_cue_after_its_clause_is_the_clause_s():
    # the parser takes "a few hundred votes" for the object of "said"
    claim = only_claim(
        "The union, the largest group of dock workers, said in a statement that the strike "
        "would remain peaceful but that workers would never accept managers who had won, in "
        "the union's words, a few hundred votes in ports where almost everyone is a member.")
    assert claim.content.endswith("a few hundred votes in ports where almost everyone is a member")


def test_content_governed_by_a_preposition():
    claim = only_claim("The farmers' union called for a ban on imported grain.")
    assert (claim.speaker, claim.cue) == ("The farmers' union", "called for")
    assert claim.content == "a ban on imported grain"



def test_a_claim_inside_another_claims_reported_content_is_left_out():
    claim = only_claim("The mayor said officials had claimed that the bridge was safe.")
    assert (claim.speaker, claim.content) == (
        "The mayor", "officials had claimed that the bridge was safe")


def test_words_before_a_quotation_stay_in_the_content():
    claim = only_claim("She said the new plan “will cut costs for every family in the region.”")
    assert claim.content == "the new plan “will cut costs for every family in the region.”"
    assert not claim.direct  # a quotation inside reported speech


def test_straight_and_curly_marks_mixed_in_one_quotation():
    text = '"The talks have failed completely,” the envoy said. “Nobody believes in them."'
    claim = only_claim(text)
    assert claim.direct and claim.speaker == "the envoy"
    assert [text[start:end] for start, end in claim.spans()] == [
        '"The talks have failed completely,”', '“Nobody believes in them."']


def test_predicate_adjective_cue_with_the_subject_as_speaker():
    claim = only_claim("The fishermen are worried that the quota will fall again.")
    assert (claim.speaker, claim.cue) == ("The fishermen", "worried")
    assert claim.content == "that the quota will fall again"


def test_noun_framing_the_sentence_is_a_candidate_for_the_rest_of_it():
    text = "In her view, the harbour tax had driven the fishermen away."
    doc = nlp()(text)
    view = next(t for t in doc if t.text == "view")
    speaker, options = cue_candidate(view, quotation_spans(text))
    assert speaker.text == "her"
    assert [(kind, text[start:end]) for kind, (start, end) in options] == [
        ("noun_frame", "the harbour tax had driven the fishermen away.")]


def test_quotation_goes_on_over_a_claim_that_describes_the_speaker():
    text = ("“The harvest was poor this year,” said Ann Berg, who backed the new quota. "
            "“We will plant earlier next spring.”")
    claim = next(c for c in find_claims_in_text(text) if c.speaker.startswith("Ann Berg"))
    assert [text[start:end] for start, end in claim.spans()] == [
        "“The harvest was poor this year,”", "“We will plant earlier next spring.”"]


def test_a_quotation_left_open_ends_with_its_paragraph():
    text = ('He said: "We will stay. We always have.\n\n'
            'The mayor called the plan "a bad idea" on Monday.')
    assert [text[start:end] for start, end in quotation_spans(text)] == [
        '"We will stay. We always have.']


def test_a_short_quotation_closed_by_its_punctuation_is_speech():
    assert quotation_spans("“It's heartbreaking,” she said. He watched the “Today” show.") == [
        (0, 21)]
    claim = only_claim("“It's heartbreaking,” she said.")
    assert claim.direct and claim.content == "“It's heartbreaking,”"


def said_options(text: str) -> list[tuple[str, str]]:
    said = next(t for t in nlp()(text) if t.text == "said")
    _, options = cue_candidate(said, quotation_spans(text))
    return [(kind, text[start:end]) for kind, (start, end) in options]


def test_a_quotation_after_the_cues_sentence_is_not_its_content():
    text = "The mayor said the bridge was closed. “Nobody will cross it before spring.”"
    assert said_options(text) == [("ccomp", "the bridge was closed")]
    assert only_claim(text).content == "the bridge was closed"


def test_a_quotation_the_parse_hangs_on_the_cue_is_its_content():
    # the parser hangs the opening mark on "said": the quotation is still before the cue
    text = ('"Wall Street is a pretty cynical place," said Tim Hess, a developer who introduced '
            'him to his bankers. "But when you see passion, people lean forward."')
    assert ("quote", '"Wall Street is a pretty cynical place,"') in said_options(text)
    claim = next(c for c in find_claims_in_text(text) if c.cue == "said")
    assert claim.direct and claim.speaker.startswith("Tim Hess")
    assert [text[start:end] for start, end in claim.spans()] == [
        '"Wall Street is a pretty cynical place,"',
        '"But when you see passion, people lean forward."']


def test_a_relative_clause_after_a_comma_that_closes_the_content_is_left_out():
    claim = only_claim(
        "The senator praised the governor's plan, which would cut taxes for farmers.")
    assert claim.content == "the governor's plan"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The group sought to win back the seat and spent heavily on ads.", "to win back the seat"),
        ("The candidates urged voters to rally around their campaigns and tried to make the "
         "case that the race was open.", "to rally around their campaigns"),
    ],
)
def test_a_finite_verb_coordinated_with_an_infinitive_content_is_the_cues(text, content):
    claim = next(c for c in find_claims_in_text(text) if c.cue in ("sought", "urged"))
    assert claim.content == content


def test_clauses_the_parser_hangs_on_the_cue_one_after_the_other_are_one_content():
    # the parse of "said that X, and that Y" with both clauses on "said"
    words = ["The", "mayor", "said", "that", "the", "bridge", "was", "unsafe", ",", "and",
             "that", "the", "council", "ignored", "engineers", "."]
    heads = [1, 2, 2, 6, 5, 6, 2, 6, 6, 6, 13, 12, 13, 2, 13, 2]
    deps = ["det", "nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "acomp", "punct", "cc",
            "mark", "det", "nsubj", "ccomp", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "CCONJ",
           "SCONJ", "DET", "NOUN", "VERB", "NOUN", "PUNCT"]
    doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
    (start, end), = [span for kind, span in content_options(doc[2], []) if kind == "ccomp"]
    assert doc.text[start:end] == (
        "that the bridge was unsafe , and that the council ignored engineers")


def test_a_clause_on_the_cue_that_says_again_is_someone_elses_report():
    # the parse of "Half said Clinton is honest, and a third said she lied" with the second
    # "said" hung on the first as a clause of its own
    words = ["Half", "said", "Clinton", "is", "honest", ",", "and", "a", "third", "said", "she",
             "lied", "."]
    heads = [1, 1, 3, 1, 3, 3, 3, 8, 9, 1, 11, 9, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct", "cc", "det", "nsubj", "ccomp",
            "nsubj", "ccomp", "punct"]
    pos = ["NOUN", "VERB", "PROPN", "AUX", "ADJ", "PUNCT", "CCONJ", "DET", "NOUN", "VERB",
           "PRON", "VERB", "PUNCT"]
    lemmas = ["half", "say", "Clinton", "be", "honest", ",", "and", "a", "third", "say", "she",
              "lie", "."]
    doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    (start, end), = [span for kind, span in content_options(doc[1], []) if kind == "ccomp"]
    assert doc.text[start:end] == "Clinton is honest"


def test_a_reason_the_parser_hangs_on_the_cue_stays_with_the_reported_clause():
    # the parse of "She said she would stay because the party needed her" with the reason on
    # "said"; a reason joined by "when" is not taken in
    for mark, content in (("because", "she would stay because the party needed her"),
                          ("when", "she would stay")):
        words = ["She", "said", "she", "would", "stay", mark, "the", "party", "needed", "her",
                 "."]
        heads = [1, 1, 4, 4, 1, 8, 7, 8, 1, 8, 1]
        deps = ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "mark", "det", "nsubj", "advcl",
                "dobj", "punct"]
        pos = ["PRON", "VERB", "PRON", "AUX", "VERB", "SCONJ", "DET", "NOUN", "VERB", "PRON",
               "PUNCT"]
        doc = Doc(nlp().vocab, words=words, heads=heads, deps=deps, pos=pos)
        (start, end), = [span for kind, span in content_options(doc[1], []) if kind == "ccomp"]
        assert doc.text[start:end] == content


def test_an_object_keeps_the_phrase_after_it_but_not_its_time():
    claim = only_claim("The senator questioned the minister about the budget on Tuesday.")
    assert claim.content == "the minister about the budget"


def test_a_participle_describing_a_noun_has_that_noun_as_speaker():
    text = "The union issued a statement praising the new contract."
    praising = next(t for t in nlp()(text) if t.text == "praising")
    speaker, options = cue_candidate(praising, quotation_spans(text))
    assert speaker.text == "a statement"
    assert ("dobj", "the new contract") in [(kind, text[a:b]) for kind, (a, b) in options]


def test_a_speakers_relative_clause_stays_with_the_speaker():
    claim = only_claim(
        "The fishermen, who had been left out of the talks, said the quota was unfair.")
    assert claim.speaker == "The fishermen, who had been left out of the talks"
    assert claim.content == "the quota was unfair"


def speaker_entities(text: str) -> list[tuple[str, str | None]]:
    """(speaker, name of the linked entity) of every claim in the text."""
    article = Article(id="s1", origin="s1.txt", title=None, text=text, content_hash="s1")
    (annotation,) = annotate([article])
    names = {m.entity_id: m.text for m in reversed(annotation.mentions)}  # first mention's
    return [(c.speaker, names.get(c.speaker_entity_id)) for c in find_claims(annotation)]


@pytest.mark.parametrize(("text", "expected"), [
    # a place or person after the speaker is not the speaker
    ("A Western diplomat in Pristina argued that the vote had little legitimacy. "
     "A farmer from Zvečan said the road had been closed for days.",
     [("A Western diplomat in Pristina", None), ("A farmer from Zvečan", None)]),
    # a name describing the speaker names the entity, a nationality does not
    ("The Kremlin spokesman said the talks would go on. "
     "Serbian officials said the border would stay open.",
     [("The Kremlin spokesman", "Kremlin"), ("Serbian officials", None)]),
    # a place before a person says where they are from; before an agency, whom it serves
    ("A senior Kosovo security official said the protesters came from Serbia. "
     "The Kosovo government said the mayors would stay. "
     "A Zvečan shopkeeper said the shop was shut. Serbia's government said the road "
     "was closed. Serbia's ambassador said it was calm.",
     [("A senior Kosovo security official", None),
      ("The Kosovo government", "Kosovo government"), ("A Zvečan shopkeeper", None),
      ("Serbia's government", "Serbia"), ("Serbia's ambassador", None)]),
])
def test_the_names_in_a_speaker_phrase_that_name_its_entity(text: str, expected: list):
    assert speaker_entities(text) == expected


def test_he_after_a_vague_speaker_stands_for_that_speaker_unless_a_person_is_named():
    text = ("A senior Russian lawmaker said the West had made the crisis. "
            "“They built this house on sand,” he said.\n\n"
            "A Western diplomat said the talks had stalled. "
            "“Ivan Horvat will not come back,” he said.")
    article = Article(id="v", origin="v", title=None, text=text, content_hash="v")
    (annotation,) = annotate([article])
    claims = find_claims(annotation)
    assert [(c.speaker, c.speaker_antecedent) for c in claims] == [
        ("A senior Russian lawmaker", None), ("he", "A senior Russian lawmaker"),
        ("A Western diplomat", None), ("he", None)]


def test_both_stands_for_the_two_the_claim_before_names():
    text = ("The United States and the European Union had urged the council not to close the "
            "port, and on Monday both called on the two sides to step back.")
    article = Article(id="b", origin="b", title=None, text=text, content_hash="b")
    (annotation,) = annotate([article])
    assert [(c.speaker, c.speaker_antecedent) for c in find_claims(annotation)] == [
        ("The United States and the European Union", None),
        ("both", "The United States and the European Union")]


def test_a_pronoun_coreference_leaves_unresolved_is_not_guessed():
    text = ("Aleksandar Vučić and Albin Kurti met in Brussels. "
            "He warned that the talks would fail.")
    assert speaker_entities(text) == [("He", None)]


@pytest.mark.parametrize("text", [
    # "He" opening the next sentence continues the subject before
    ("Aleksandar Vučić said the army would stay on alert and blamed Albin Kurti's police. "
     "He warned that Serbia would not stand by."),
    # "he" in a clause joined to the first continues its subject
    ("Aleksandar Vučić said Serbia did not want war, and he accused Albin Kurti of "
     "provoking the crisis."),
])
def test_he_continues_the_speaker_named_as_subject_before_it(text: str):
    assert [name for _, name in speaker_entities(text)] == ["Aleksandar Vučić"] * 2


def test_where_a_quotation_lies_from_its_cue_is_a_model_feature():
    text = ("The envoy spoke after the talks: “Nobody in the room believed in them.” "
            "She said later. “The talks had failed long before the summit began.”")
    doc, quotes = nlp()(text), quotation_spans(text)
    spoke, said = (next(t for t in doc if t.text == word) for word in ("spoke", "said"))
    places = [next(f for f in option_features(cue, doc[0:0], "quote", quote, quotes)
                   if f.startswith("quote_place="))
              for cue, quote in ((spoke, quotes[0]), (said, quotes[0]), (said, quotes[1]))]
    assert places == ["quote_place=same_sentence", "quote_place=before", "quote_place=after"]


def test_according_to_before_a_coordinated_clause_attributes_the_clause_before_it():
    claim = only_claim("Three shops were looted overnight, according to the police, and the "
                       "market stayed shut on Monday.")
    assert claim.speaker == "the police"
    assert claim.content == "Three shops were looted overnight"


def test_a_quotation_another_claim_reports_does_not_continue_the_first():
    claims = find_claims_in_text(
        "“The plan is dead on arrival,” said Ana Reyes, who said there were “too many open "
        "questions about the money.”")
    first = next(c for c in claims if c.content.startswith("“The plan"))
    assert first.content == "“The plan is dead on arrival,”"
    assert any("too many open questions" in c.content and c is not first for c in claims)


def test_a_sentence_closing_its_paragraph_with_a_colon_introduces_the_next_paragraph():
    claims = find_claims_in_text(
        "At the opening of the plant, the governor declared:\n\n"
        "We will not let this valley lose another factory to the coast.\n\n"
        "The plant employs four hundred people.")
    claim = next(c for c in claims if c.cue == "declared")
    assert claim.speaker == "the governor"
    assert claim.content == "We will not let this valley lose another factory to the coast."


def test_a_colon_inside_a_paragraph_introduces_nothing_beyond_it():
    claims = find_claims_in_text("The governor declared: the plant stays open.\n\n"
                                 "Workers cheered outside the gates on Friday.")
    assert not any("Workers" in c.content for c in claims)


def test_what_a_verb_names_something_as_is_content_when_the_parse_has_no_object():
    # the parse as the parser sometimes gives it: "Ames" and "crazy" both hung as predicates
    words = ["Ann", "called", "Ames", "“", "crazy", "”", "on", "Monday", "."]
    heads = [1, 1, 1, 4, 1, 4, 1, 6, 1]
    deps = ["nsubj", "ROOT", "oprd", "punct", "oprd", "punct", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PUNCT", "ADJ", "PUNCT", "ADP", "PROPN", "PUNCT"]
    doc = Doc(nlp().vocab, words=words, spaces=[True, True, True, False, False, True, True,
                                                False, False],
              heads=heads, deps=deps, pos=pos)
    spans = dict(content_options(doc[1], []))
    assert doc.text[slice(*spans["oprd"])] == "Ames “crazy”"


def test_reportedly_attributes_its_clause_to_unnamed_sources():
    claim = only_claim("The trade council is reportedly spending two million dollars on radio "
                       "advertisements before the vote.")
    assert (claim.speaker, claim.cue) == ("", "reportedly")
    assert claim.content == ("The trade council is … spending two million dollars on radio "
                             "advertisements before the vote")


def _candidate(text: str, word: str, kind: str) -> tuple[str, list[str]]:
    """The speaker of ``word`` as a cue candidate and its contents of that kind."""
    cue = next(t for t in nlp()(text) if t.text == word)
    speaker, options = cue_candidate(cue, [])
    return speaker.text, [text[slice(*span)] for k, span in options if k == kind]


def test_the_noun_a_passive_participle_with_an_agent_describes_is_its_content():
    text = "The agency let states merge the two counts, a practice criticized by rights groups."
    assert _candidate(text, "criticized", "described") == ("rights groups", ["a practice"])


def test_what_a_noun_subject_of_be_is_said_to_be_is_its_content():
    text = "After the vote, the senator's main worry is that the plan will fail in the House."
    assert _candidate(text, "worry", "noun_copula") == (
        "the senator", ["that the plan will fail in the House"])


def test_a_noun_phrase_set_off_after_according_to_describes_the_speaker():
    claim = only_claim("According to Jane Doe, the union leader, the strike will go on.")
    assert claim.speaker == "Jane Doe, the union leader"
    assert claim.content.startswith("the strike will go on")
    # a subject set off by commas inside the content is no apposition of the speaker
    claim = only_claim("According to police, the suspect, a local man, was arrested on Monday.")
    assert (claim.speaker, claim.content[:11]) == ("police", "the suspect")


def test_said_in_a_statement_is_one_claim_of_the_verbs_subject():
    claim = only_claim("The union said in a statement that the strike would go on.")
    assert (claim.speaker, claim.cue, claim.content) == (
        "The union", "said", "that the strike would go on")
    claim = only_claim('"The strike will go on," the union leader said in a statement.')
    assert (claim.speaker, claim.cue) == ("the union leader", "said")
