"""The briefing: one self-contained HTML page (no scripts, fonts or tiles fetched) and the
same content as Markdown. Every piece of article text is escaped by the template engine."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

import pycountry
from jinja2 import Environment, PackageLoader, select_autoescape

from storyline.clean.language import UNDETERMINED
from storyline.extract.claims import reports_speech
from storyline.outputs.mapsvg import render_map
from storyline.outputs.view import BriefingData
from storyline.records import Actor, Annotation, Claim, Entity, Story
from storyline.summarize import timeline, timeline_lines, with_figures

ACTORS_SHOWN = 20
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}

_templates = Environment(
    loader=PackageLoader("storyline.outputs", "templates"),
    autoescape=select_autoescape(["html"]),
)


def template_globals() -> dict[str, Any]:
    """Helpers the story templates call, for every environment that renders them."""
    return {"actor": actor_label}


def render_html(data: BriefingData) -> str:
    return _templates.get_template("briefing.html").render(
        css=files("storyline.outputs").joinpath("templates/style.css").read_text(),
        stories=[story_view(data, s) for s in data.stories],
        articles=data.articles,
        sources=len({a.article.source for a in data.articles.values()}),
        events=data.events,
        claims=data.claims,
        problems=data.problems,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def render_markdown(data: BriefingData) -> str:
    lines = ["# Briefing", ""]
    for story in data.stories:
        view = story_view(data, story)
        lines += [f"## {story.title}", "", f"*{view['header']}*", "", "**Summary**", ""]
        lines += [f"- {sentence}" for sentence in view["summary"]]
        lines += ["", "**Timeline**", ""]
        lines += [f"- **{t['when']}** ({', '.join(t['kinds'])}) {with_figures(t)}"
                  for t in view["timeline"]]
        lines += ["", "**Claims**", ""]
        for speaker, claims in view["claims"]:
            lines += [_claim_line(speaker, r) for r in claims]
        lines += ["", "**Sources**", ""]
        lines += [_source_line(a) for a in view["articles"]]
        lines.append("")
    return "\n".join(lines)


def _source_line(row: dict[str, Any]) -> str:
    """One article of the Sources list, as the HTML table shows it: an article without a
    title by its file, the wire source it credits after its outlet."""
    citing = f"(citing {row['attribution']})" if row["attribution"] else None
    head = " ".join(part for part in (row["published"], row["source"], citing) if part)
    return f"- {head}: {row['title'] or row['origin']} ({row['relation']})"


def story_view(data: BriefingData, story: Story) -> dict[str, Any]:
    """Everything the briefing shows for one story."""
    articles = data.story_articles(story)
    events = data.story_events(story)
    header, *summary = story.summary or [period(story)]
    return {
        "story": story,
        "header": header,
        "summary": summary,
        "sources": sorted({a.article.source or "unknown" for a in articles}),
        "timeline": timeline_lines(timeline(events)),
        "map": render_map(data.story_places(story)),
        "events": events,
        "actors": top_actors(articles),
        "claims": claims_by_speaker(data.story_claims(story), data.entities),
        "articles": [source_row(data, a.article) for a in articles],
    }


def top_actors(articles: list[Annotation], limit: int = ACTORS_SHOWN) -> list[Entity]:
    """The story's most mentioned entities that act (people, organisations, countries)."""
    counts: Counter[str] = Counter()
    entities: dict[str, Entity] = {}
    for annotation in articles:
        entities |= {e.id: e for e in annotation.entities}
        counts.update(m.entity_id for m in annotation.mentions)
    actors = [entities[i] for i, _ in counts.most_common() if i in entities
              and entities[i].type in ACTOR_TYPES]
    return actors[:limit]


def period(story: Story) -> str:
    first, last = story.first_seen, story.last_seen
    if not first:
        return "publication dates unknown"
    if not last or first.date() == last.date():
        return first.strftime("%d %b %Y")
    return f"{first:%d %b %Y} – {last:%d %b %Y}"


UNNAMED_SPEAKER = "Speaker not named"
PRONOUN_SPEAKERS = {"it", "which", "this", "that", "he", "she", "they", "we", "i", "you", "both"}
# Share of the longer content's words two reports of one claim have in common: rewrites
# swap a word or two ("hurt" for "injured"), different claims of one speaker share far less.
SAME_CLAIM = 0.8


@dataclass
class ReportedClaim:
    """One claim as the briefing shows it: the first report and every outlet that carried it."""

    claim: Claim
    sources: list[str] = field(default_factory=list)
    addressee: str | None = None  # the linked entity's name, else as written


def claims_by_speaker(
    claims: list[Claim], entities: dict[str, Entity]
) -> list[tuple[str, list[ReportedClaim]]]:
    """Claims that report something said or thought (``reports_speech``: not "police fired
    tear gas"), grouped by who made them: the linked entity's name where the speaker is
    known ("he" after "Kurti said" is Kurti), else the speaker as written; claims whose text
    names no speaker ("is expected to ...", "it seems") come last, under UNNAMED_SPEAKER. Within a
    speaker, the reports of one claim (copies and rewrites) are shown once, with their
    outlets, so a syndicated quote does not fill the list; most reported speakers first."""
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in filter(reports_speech, claims):
        entity = entities.get(claim.speaker_entity_id or "")
        grouped[entity.name if entity else _speaker_as_written(claim)].append(claim)
    reported = {speaker: same_claims_once(items) for speaker, items in grouped.items()}
    for entry in (r for items in reported.values() for r in items):
        entry.addressee = _addressee_name(entry.claim, entities)
    return sorted(reported.items(), key=lambda item: (item[0] == UNNAMED_SPEAKER, -len(
        grouped[item[0]])))


def _speaker_as_written(claim: Claim) -> str:
    """The speaker's words, or those of the vague speaker a "he" stands for ("A senior
    Russian lawmaker"), unless they place no one without the sentence ("it", a "he" that
    coreference left open): those go under UNNAMED_SPEAKER."""
    speaker = (claim.speaker_antecedent or claim.speaker).strip()
    return UNNAMED_SPEAKER if not speaker or speaker.lower() in PRONOUN_SPEAKERS else speaker


def _claim_line(speaker: str, reported: ReportedClaim) -> str:
    """ "- Kurti → KFOR (urged): to ... — outlets" """
    to = f" → {reported.addressee}" if reported.addressee else ""
    return (f"- {speaker}{to} ({reported.claim.cue}): {reported.claim.content} — "
            f"{', '.join(reported.sources)}")


def _addressee_name(claim: Claim, entities: dict[str, Entity]) -> str | None:
    entity = entities.get(claim.addressee_entity_id or "")
    return entity.name if entity else claim.addressee


def same_claims_once(claims: list[Claim]) -> list[ReportedClaim]:
    """One entry per claim, its reports' outlets gathered in the order they come."""
    shown: list[tuple[set[str], ReportedClaim]] = []
    for claim in claims:
        words = set(re.findall(r"\w+", claim.content.lower()))
        same = next((r for w, r in shown if _shared(words, w) >= SAME_CLAIM), None)
        if same is None:
            same = ReportedClaim(claim)
            shown.append((words, same))
        source = claim.evidence.source or "unknown outlet"
        if source not in same.sources:
            same.sources.append(source)
    return [r for _, r in shown]


def _shared(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a), len(b), 1)


def source_row(data: BriefingData, article) -> dict[str, Any]:
    copy = data.origin_of(article.id)
    copies = data.copies_of(article.id)
    if copy:
        origin = data.articles.get(copy.origin_id)
        origin_name = (origin.article.source or origin.article.title) if origin else copy.origin_id
        relation = f"{copy.kind} of {origin_name} ({copy.similarity:.2f})"
    elif copies:
        relation = f"origin of {len(copies)} cop{'y' if len(copies) == 1 else 'ies'}"
    else:
        relation = "independent"
    language = language_name(article.language)
    if language:
        relation += f", in {language}"  # the parse reads English: few events or claims
    return {
        "id": article.id,
        "published": (article.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
                      if article.published else "date unknown"),
        "source": article.source,
        "attribution": article.attribution,
        "title": article.title,
        "origin": article.origin,
        "url": article.url,
        "relation": relation,
    }


def language_name(code: str | None) -> str | None:
    """The English name of a language other than English ("de" → "German")."""
    if code in (None, "en", UNDETERMINED):
        return None
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


def actor_label(actor: Actor | None) -> str:
    if not actor:
        return ""
    codes = "/".join(c for c in (actor.country, actor.sector) if c)
    return f"{actor.text} [{codes}]" if codes else actor.text


_templates.globals.update(template_globals())
