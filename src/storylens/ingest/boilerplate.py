"""Boilerplate filter: promo, newsletter, share, credit and link lines that survive extraction. Every drop is listed.

A paragraph is judged sentence by sentence. It is dropped whole when it is short enough and every sentence in it is
promotional; otherwise only a promotional run at its start or end is cut off. Rules are data (`RULES`): a name, a
reason a reader understands, and one case-insensitive pattern each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from storylens.records import Removal


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of boilerplate sentence. `max_words` keeps long (news) sentences out; `speech_guard` skips
    sentences that report speech ("…, the company said"), where promo words are news, not promotion."""

    name: str
    reason: str
    pattern: re.Pattern[str]
    max_words: int = 40
    speech_guard: bool = True


def _rules(name: str, reason: str, *patterns: str, max_words: int = 40, speech_guard: bool = True) -> list[Rule]:
    return [Rule(name, reason, re.compile(p, re.IGNORECASE), max_words, speech_guard) for p in patterns]


_END = r"[\s.!:…»›>|–—-]*$"  # a label may trail punctuation or an arrow
_SOCIAL = r"(facebook|twitter|x|instagram|tiktok|threads|bluesky|linkedin|youtube|snapchat|whatsapp|reddit|mastodon)"
_AGENCY = (
    r"(getty( images)?|reuters|afp|ap( photo)?|associated press|pa( media| wire| images)?|epa(-efe)?|shutterstock"
    r"|alamy|bloomberg|rex( features)?|xinhua|anadolu|sopa images|nurphoto|zuma( press)?|aap|istock|handout"
    r"|supplied)"
)

_AD_LABEL = (
    r"(advertisement|advert|ad|advertising|sponsored( content| by \w+( \w+){0,3})?|paid (content|post|partnership"
    r"|for by \w+( \w+){0,3})|promoted( content| by \w+( \w+){0,3})?|supported by \w+( \w+){0,3}"
    r"|(advertisement|advertising|ad) feature|partner content"
    r"|(article|story) continues (below|after)(( this| the)? (advert(isement)?|ad))?"
    r"|continue reading( (below|the main story|after (the )?(ad|advertisement)))?"
    r"|scroll (down )?to continue( (reading|with content))?|skip (advert|advertisement|ad))"
)

RULES: tuple[Rule, ...] = (
    *_rules(
        "subscription_offer",
        "subscription offer or paywall prompt",
        r"^(try|get|start|enjoy|read|access)\b.{0,60}\bfree for (\d+|one|two|three|six|twelve|a|an) "
        r"(days?|weeks?|months?|years?)\b",
        r"^(start|begin|claim|get|activate|try)\b.{0,25}\bfree trial\b",
        r"(^|\b(for|from) )(just|only) [£$€]\s?\d+(\.\d\d)?p? (a|per|each) (week|month|year)\b",
        r"^(get|save|enjoy|take)\b.{0,20}\b\d+% off\b",
        r"\b(get|enjoy|unlock|gain|with|includes?) unlimited (digital )?access\b",
        r"^subscribe\b",
        r"\bsubscribe (now|today|here)\b",
        r"^(already (a subscriber|a member|have an account|registered)|(log|sign) in( here| now)?[.!]?$"
        r"|(log|sign) in to (continue|read|comment)"
        r"|register (now|for free)|create a free account|become a (member|subscriber|supporter)"
        r"|subscribers? only|(exclusive|only) (for|to) subscribers)(\b|$)",
        r"^support (our|independent|quality|local|trusted) (journalism|reporting|newsroom|news)\b",
        r"^(make|give) a (contribution|donation)\b",
        r"^you have (\d+|one|no) free (articles?|stories) (left|remaining)\b",
        r"^this (article|story|content) is (for|available to|only available to|exclusive to) (subscribers|members)\b",
        r"^(cancel|unsubscribe) (at )?any ?time" + _END,
        r"^this is an? (premium|subscriber|subscriber-only|members?-only|exclusive) (article|story|content)\b",
        r"^(subscriber|member)s?[- ](exclusive|only)( (article|story|content))?" + _END,
        r"^(terms and conditions|t&cs|terms) apply" + _END,
    ),
    *_rules(
        "newsletter_signup",
        "newsletter or email sign-up",
        r"^(sign up|signup|subscribe|register|join|get|receive|enjoy)\b.{0,80}\b(newsletters?|bulletins?|briefings?"
        r"|digests?|round-?ups?|updates|e-?mails?|alerts)\b",
        r"\bsign up (to|for) (our|the)\b.{0,50}\b(newsletters?|briefings?|bulletins?|digests?|e-?mails?)\b",
        r"\b(straight|directly|delivered|sent) (to|into) your inbox\b",
        r"^(get|receive|have)\b.{0,60}\bin(to)? your inbox\b",
        r"^(enter your email|your email address|by (signing up|subscribing|clicking)|thank you for (signing up"
        r"|subscribing)|thanks for (signing up|subscribing)|you can unsubscribe)\b",
        r"\bnewsletters?\b.{0,40}\b(sign up|subscribe)( here| now| today)?[.!]?$",
        r"^newsletters?\s*[:|]",
        r"^sign up( here| now| today| free| for free)?[.!]?$",
    ),
    *_rules(
        "related_link",
        "link to other stories",
        r"^(read more|read next|read also|also read|see also|related|related (articles?|stories|content|coverage"
        r"|topics?|reading)|more on this( story)?|more from [\w ]{1,30}|recommended( for you| reading)?"
        r"|most (read|popular|viewed|shared)|trending( now)?|top stories|you (may|might) also like|don't miss"
        r"|editor's picks?|further reading|in other news|latest (news|stories)|more (stories|news|coverage))"
        r"\s*[:|»›>–—-]\s*\S",
        r"^(read more|read next|related|more on this story|related (articles|stories|content|topics)"
        r"|most (read|popular|viewed)|top stories|recommended( for you| reading)?|you (may|might) also like"
        r"|more (stories|news)? ?from( the)? [\w' ]{1,25}|more coverage"
        r"|read (the )?full (story|article)( here)?|see more|view more)" + _END,
        r"^read more (about|on|from|at)\b.{0,80}\b(here|website|site|page|coverage|below)[.!]?$",
        r"^(read|see) more (from|by) our\b",
        r"^(click|tap) here (to|for)\b",
        r"^for (more|the latest) (news|updates|stories|coverage)\b",
        r"^(watch|listen|in pictures|gallery|live)\s*:\s*\S",
        max_words=30,
        speech_guard=False,
    ),
    *_rules(
        "share_prompt",
        "share or follow prompt",
        r"^(click (here )?to|tap to|please) share\b",
        r"^share (this|the) (article|story|page|post|link|video|gallery)\b",
        r"^share (it|this|the article|the story) with (a friend|friends|your friends)\b",
        r"^(print|email|e-mail|save|bookmark) this (article|story|page)" + _END,
        r"^share (on|via|to|with) (" + _SOCIAL[1:-1] + r"|e-?mail|messenger|pinterest|your friends)\b",
        r"^share( this)?" + _END,
        r"^follow (us|@\w+|the [\w' ]{1,30}|[\w' ]{1,30}) on " + _SOCIAL + r"\b",
        r"^follow (our|all the|the latest|live)\b.{0,40}\b(coverage|updates|blog|here)\b",
        r"^(like|find|join) us on " + _SOCIAL + r"\b",
        r"^(" + _SOCIAL[1:-1] + r"|email|e-mail|print|copy link|link copied|copied|pinterest|messenger|tweet|share)"
        r"((\s*[,|/·•]\s*|\s+)(" + _SOCIAL[1:-1] + r"|email|e-mail|print|copy link|link copied|copied|pinterest"
        r"|messenger|tweet|share|this))*" + _END,
        max_words=25,
    ),
    *_rules(
        "image_credit",
        "image or photo credit",
        r"^\(?(main |top |header |lead |file )?(photo |picture )?"
        r"(photo(graph)?s?|images?|pictures?|pics?|illustrations?|videos?|footage|artwork)\s*[:|/]\s*\S",
        r"^\(?(photo(graph)?|image|picture|video)s? (credit|courtesy|by|source)\b",
        r"^\(?(image|photo) (source|credit|caption)s?\s*[:,]",
        r"^\(?credits?\s*[:|]\s*\S",
        r"^\(?" + _AGENCY + r"\)?" + _END,
        r"^[\w.'’ -]{1,40}\s*/\s*" + _AGENCY + r"\b",
        r"^\(?" + _AGENCY + r"\s*/\s*[\w.'’ -]{1,40}\)?$",
        r"\bvia getty images\b",
        r"^\(?(file|stock|handout) (photo|picture|image|footage)\)?" + _END,
        max_words=15,
        speech_guard=False,
    ),
    *_rules(
        "advertisement",
        "advertisement marker",
        rf"^{_AD_LABEL}([\s.:|–—-]+{_AD_LABEL})*" + _END,
        max_words=12,
        speech_guard=False,
    ),
    *_rules(
        "app_promo",
        "app download prompt",
        r"^(download|get|install|try) (the|our|it on the|now)\b.{0,40}\bapps?\b",
        r"^(download|install) (it|now|today)\b",
        r"^scan (the|this|our) qr code\b",
        r"\bavailable (now )?(on|in|from) (the )?(app store|google play|ios and android)\b",
        r"^(read|open|view|continue|listen|watch)\b.{0,30}\bin (the |our )?[\w ]{0,20}app\b",
        max_words=30,
    ),
    *_rules(
        "cookie_notice",
        "cookie notice",
        r"\bwe( and our partners)? use cookies\b",
        r"\b(this|our) (web)?site uses cookies\b",
        r"^(accept|reject|manage|customi[sz]e|update|change|review)( all)?( your| our)? cookies?"
        r"( settings| preferences| options)?\b",
        r"\bby (continuing to (use|browse)|using (this|our) (site|website))\b",
        r"\b(our|the) use of cookies\b",
        r"^cookie (settings|preferences|policy|notice|consent)" + _END,
        r"^(your )?privacy (choices|settings|preferences|options)" + _END,
    ),
    *_rules(
        "comment_prompt",
        "comment prompt",
        r"^(comments?|\d+ comments?|view comments|show comments|hide comments|load comments|comment now"
        r"|comments are (now )?closed)" + _END,
        r"^(post|leave|add|write) a comment\b",
        r"^comment on this (story|article)\b",
        r"^(view|show|load|read|see) (all )?(\d+ )?comments?" + _END,
        r"^(join (our|the) (community|conversation|discussion)|have your say|tell us what you think"
        r"|let us know what you think)\b",
        r"^what do you think\?" + _END,
        r"\b(let us know|tell us|share your (thoughts|views|opinions?))\b.{0,40}\bin the comments\b",
        r"\bin the comments( section)? below\b",
        max_words=25,
        speech_guard=False,
    ),
    *_rules(
        "tip_line",
        "news tip request",
        r"^(got|have you got|do you have|have) a (story|news ?tip|tip(-off)?|story idea)\b",
        r"^(email|e-mail|contact|message|whatsapp|call|text|write to|get in touch with) "
        r"(us|our (news ?desk|reporters?|team)|the news ?desk)\b",
        r"^(email|e-mail|send|contact|write to)\b.{0,60}@[\w-]+\.",
        r"\b(news ?desk|tips?|stories|news)@[\w-]+\.",
        r"^(get in touch|tip us off|(tell|share) (us )?your story)\b",
        max_words=30,
    ),
    *_rules(
        "page_widget",
        "page control label",
        r"^(listen to this (article|story)|bookmark( this( article| story)?)?|save( (this )?article| for later)?"
        r"|gift this (article|story)|text size|font size|reading time\W+\d+ min(ute)?s?)" + _END,
        max_words=8,
        speech_guard=False,
    ),
    *_rules(
        "wire_credit",
        "wire reporting and editing credit",
        r"^\(?(additional )?(reporting|writing) by [^.;]{1,80}[;,]\s*(writing|editing) by\b",
        r"^(editing|writing|compiled) by [\w .'’-]{1,40}$",
        max_words=30,
        speech_guard=False,
    ),
    *_rules(
        "copyright",
        "copyright notice",
        r"^(©|\(c\) ?\d{4})",
        r"^copyright\s*(©\s*)?\d{4}\b",
        r"\ball rights reserved\b",
        max_words=25,
        speech_guard=False,
    ),
)

# Lead-ins that only count as promotion beside a real rule match ("Broaden your horizons with award-winning
# journalism. Try … free for 3 months."): on their own they could be news.
PITCHES: tuple[Rule, ...] = tuple(
    _rules(
        "promo_pitch",
        "promotional lead-in",
        r"\b(award-winning|independent|quality|trusted|fearless|in-depth|world-class|expert) (journalism"
        r"|reporting|news|analysis)\b",
        r"\b(broaden|expand|widen) your (horizons|mind)\b",
        r"\b(you|your)\b.{0,50}\b(journalism|reporting|inbox|subscription|reading)\b",
        r"^(want|like|liked|enjoy|enjoyed|love|loved|don't have|looking for)\b.{0,50}\?$",
        r"^(don't miss( out)?|never miss|stay (informed|in the know|up to date|ahead|on top))\b",
        r"\b(support|fund) (us|our (work|journalism|reporting|newsroom))\b",
        r"\b(no commitment|offer ends|limited time|special offer)\b",
        max_words=25,
    )
)

_MAX_WORDS = 70  # a paragraph longer than this is never dropped whole: promo lines are short
_REPORTED = re.compile(
    r"\b(said|says|told|tells|according to|announced|added|stated|claimed|explained|insisted|wrote|argued"
    r"|warned|noted|confirmed|urged|reported|revealed|admitted|denied)\b|[\"“”]",
    re.IGNORECASE,
)
# A short "Label:" before a promo ("Never miss a story: get our alerts") hides its imperative start.
_LABEL_PREFIX = re.compile(r"^[^:]{1,30}:\s+(?=\S)")
# Whitespace, with any sentence-ending punctuation (and closing quotes) just before it: a candidate boundary.
_GAP = re.compile(r"([.!?…]+[\"'”’)\]]*)?\s+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]\.?)+$|\b(mr|mrs|ms|dr|st|prof|gen|sen|rep|gov|lt|col|sgt|capt|jr|sr"
    r"|no|vs|inc|ltd|co|corp|jan|feb|mar|apr|aug|sept?|oct|nov|dec)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    rule: Rule | None  # a boilerplate rule it matches
    pitch: bool  # a promotional lead-in

    @property
    def promo(self) -> bool:
        return self.rule is not None or self.pitch


def strip_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[Removal]]:
    """The paragraphs without boilerplate, and a Removal for every paragraph or sentence dropped."""
    kept: list[str] = []
    removed: list[Removal] = []
    for paragraph in paragraphs:
        text, removals = _filter_paragraph(paragraph)
        removed.extend(removals)
        if text:
            kept.append(text)
    return kept, removed


def match_rule(line: str) -> Rule | None:
    """The rule that drops this whole line, or None when (some of) it is news."""
    return _whole_line_rule(line, _sentences(line))


def _filter_paragraph(paragraph: str) -> tuple[str, list[Removal]]:
    sentences = _sentences(paragraph)
    rule = _whole_line_rule(paragraph, sentences)
    if rule is not None:
        return "", [Removal(paragraph, rule.reason, rule.name)]
    lead = _promo_run(sentences)
    trail = _promo_run(sentences[::-1])[::-1]
    if len(lead) == len(sentences):  # all promotional but too long to drop whole: keep it
        return paragraph, []
    start = sentences[len(lead)].start
    end = sentences[len(sentences) - len(trail) - 1].end
    removals = [_removal(paragraph, run, where) for run, where in ((lead, "start"), (trail, "end")) if run]
    return paragraph[start:end].strip(), removals


def _whole_line_rule(line: str, sentences: list[_Sentence]) -> Rule | None:
    if len(line.split()) > _MAX_WORDS or not all(s.promo for s in sentences):
        return None
    return next((s.rule for s in sentences if s.rule is not None), None)


def _promo_run(sentences: list[_Sentence]) -> list[_Sentence]:
    """The promotional sentences at the head of `sentences`, if at least one of them matched a rule."""
    run: list[_Sentence] = []
    for sentence in sentences:
        if not sentence.promo:
            break
        run.append(sentence)
    return run if any(s.rule is not None for s in run) else []


def _removal(paragraph: str, run: list[_Sentence], where: str) -> Removal:
    rule = next(s.rule for s in run if s.rule is not None)
    return Removal(
        paragraph[run[0].start : run[-1].end].strip(), f"{rule.reason} (at the {where} of a paragraph)", rule.name
    )


def _sentences(text: str) -> list[_Sentence]:
    spans = _sentence_spans(text)
    rules = [_first_match(text[start:end], RULES) for start, end in spans]
    # A pitch only counts beside a rule match: without one in the paragraph, no sentence needs the pitch check.
    pitches = any(rule is not None for rule in rules)
    return [
        _Sentence(start, end, rule, pitches and _first_match(text[start:end], PITCHES) is not None)
        for (start, end), rule in zip(spans, rules, strict=True)
    ]


def _first_match(sentence: str, rules: tuple[Rule, ...]) -> Rule | None:
    words = len(sentence.split())
    reported = _REPORTED.search(sentence) is not None
    labelled = _LABEL_PREFIX.match(sentence)
    texts = (sentence, sentence[labelled.end() :]) if labelled else (sentence,)
    for rule in rules:
        if words > rule.max_words or (rule.speech_guard and reported):
            continue
        for text in texts:
            if rule.pattern.search(text):
                return rule
    return None


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as stripped, non-empty [start, end) ranges that together cover `text`."""
    cuts = [0, *(m.end() for m in _GAP.finditer(text) if _is_boundary(text, m)), len(text)]
    spans = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
    return spans


def _is_boundary(text: str, gap: re.Match[str]) -> bool:
    following = text[gap.end() : gap.end() + 1]
    if not following or following.islower():
        return False
    if gap.group(1) is None:  # a line break with no punctuation separates a short label from what follows
        return "\n" in gap.group()
    before = text[: gap.start()].rsplit(None, 1)
    return gap.group(1)[0] != "." or not before or _ABBREVIATION.search(before[-1]) is None
