"""An article's clean text as escaped paragraphs with its entities, places, times, events
and claims marked: the spans come from the stored offsets, never from re-reading the text."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from storyline.records import Annotation, Extraction

# Narrow marks win over wide ones at the same place: claims and events cover sentences.
KINDS = ("claim", "event", "time", "place", "entity")


def highlight_article(annotation: Annotation, extraction: Extraction) -> list[Markup]:
    text = annotation.article.text
    marks = _marks(annotation, extraction)
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        end = start + len(block)
        paragraphs.append(_render(text, start, end, marks))
        start = end + 2
    return paragraphs


def _marks(annotation: Annotation, extraction: Extraction) -> list[tuple[int, int, str, str]]:
    marks = [(m.start, m.end, "entity", m.label) for m in annotation.mentions]
    marks += [(p.start, p.end, "place", p.name or "") for p in annotation.places]
    marks += [(t.start, t.end, "time", t.value or "") for t in annotation.times]
    marks += [(e.evidence.start, e.evidence.end, "event", f"{e.plover} ({e.mode})")
              for e in extraction.events]
    marks += [(start, end, "claim", f"{c.speaker} {c.cue}"
               + (f" → {c.addressee}" if c.addressee else ""))
              for c in extraction.claims for start, end in c.spans()]
    return marks


def _render(text: str, start: int, end: int, marks) -> Markup:
    """Escape text[start:end], opening and closing marks that fall inside it (innermost
    kinds close first; marks that cross others are clipped to stay well nested)."""
    inside = sorted((max(s, start), min(e, end), kind, note) for s, e, kind, note in marks
                    if s < end and e > start and s < e)
    inside.sort(key=lambda m: (m[0], -m[1], KINDS.index(m[2])))
    out, cursor, open_ends = [], start, []
    for s, e, kind, note in inside:
        while open_ends and open_ends[-1] <= s:
            out.append(escape(text[cursor:open_ends[-1]]) + "</mark>")
            cursor = open_ends.pop()
        if open_ends:
            e = min(e, open_ends[-1])
        out.append(escape(text[cursor:s]))
        out.append(f'<mark class="{kind}" title="{escape(note)}">')
        cursor = s
        open_ends.append(e)
    while open_ends:
        out.append(escape(text[cursor:open_ends[-1]]) + "</mark>")
        cursor = open_ends.pop()
    out.append(escape(text[cursor:end]))
    return Markup("".join(out))
