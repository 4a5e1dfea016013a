"""Find records by any of their names: typo-tolerant, multilingual, and cautious.

Design (after ROR's affiliation matcher: normalise, treat acronyms apart, pick a
match only when it is clear):

* :func:`normalize` folds a name to a comparable form: Unicode NFKC, case folding,
  diacritics removed, punctuation and symbols turned into spaces, common
  abbreviations expanded (``univ`` -> ``university``), traditional Chinese turned
  into simplified Chinese (OpenCC ``t2s``, loaded only when the text holds Han
  characters). CJK text is otherwise kept as it is.
* :class:`SearchIndex` is built once per dataset over every name of every record
  (one *entry* per name variant, remembering its text and field). It holds only
  plain lists, dicts and strings, so it pickles.
* Scoring works on words. Function words ("of", "de", "di") weigh nothing, generic
  words ("University", "Medical", "Hospital", "大学") weigh little, every other word
  weighs its inverse document frequency over records, and a query word found in no
  record weighs as much as the rarest word. A record scores::

      100 * (0.75 * Q + 0.20 * E + 0.05 * F)

  where ``Q`` is the weighted share of the query's words found in the record (a
  word may match exactly, with one or two typos, or as a prefix), ``E`` the
  weighted share of the matched name's words that the query covers, and ``F``
  the similarity of the two whole strings (word order ignored). Only distinctive query words
  bring candidates, so "Harvard University" or "Sorbonne" find nothing.
* Exact names score 100 and acronyms are matched only exactly (case-insensitive):
  a token that is an acronym in the data is never reached by typo tolerance.
  Queries of at most three letters try acronyms first, then exact words only.
* Results below :data:`CUTOFF` are dropped; :meth:`SearchIndex.resolve` picks a
  record only when it is the only hit, or leads the runner-up by :data:`MARGIN`
  points (:data:`MARGIN_COVERED` when the query names every distinctive word of
  the matched name: "Florence" -> University of Florence, while "Sino-French"
  stays ambiguous), or is the only record with that exact name or acronym.

Scores are floats in 0..100. ``Hit.gap`` is the score minus the next result's
score (over all results, before ``limit`` cuts the list); the last result's gap
is its score minus the cutoff.

rapidfuzz is imported lazily (first query), OpenCC only for Han text, and
:meth:`SearchIndex.complete` imports neither for Latin prefixes.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .model import Dataset, Name

__all__ = [
    "CUTOFF",
    "KIND_ORDER",
    "MARGIN",
    "MARGIN_COVERED",
    "SUGGEST_CUTOFF",
    "Hit",
    "Resolution",
    "SearchIndex",
    "normalize",
]

Kind = Literal["partners", "programmes", "events", "people"]
MatchKind = Literal["exact", "acronym", "token", "fuzzy", "prefix"]

KIND_ORDER: tuple[str, ...] = ("partners", "programmes", "events", "people")
CUTOFF = 65.0  # results scoring below this are dropped
SUGGEST_CUTOFF = 40.0  # looser floor for "did you mean" suggestions
MARGIN = 8.0  # lead over the runner-up needed for resolve() to pick a record ...
MARGIN_COVERED = 4.0  # ... or this lead, when the query covers every distinctive word of its name
TOKEN_CAP = 99.0  # a non-exact match never ties with an exact one

# Weights.
W_QUERY, W_ENTRY, W_FULL = 0.75, 0.20, 0.05
GENERIC_WEIGHT = 0.35  # generic words ("university") weigh this in the query; function words 0
GENERIC_ENTRY_WEIGHT = 0.6  # ... and this in a name: "Hospitals" left unmatched costs a little
FIELD_WEIGHT = {
    "misspelling": 0.97,
    "former": 0.95,
    "funders": 0.85,
    "place": 0.85,
    "event": 0.97,
}

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_HAN = "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
_HAN_SPLIT_RE = re.compile(f"[{_HAN}]+|[^{_HAN}]+")
_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPECIAL = {
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
}
_SPECIAL_RE = re.compile("[" + "".join(_SPECIAL) + "]")
_PUNCT_RE = re.compile(r"[^\w\s]|_")
_SPACES_RE = re.compile(r"[^\S\n]+")
_EDGES_RE = re.compile(r" ?\n ?")
ABBREVIATIONS = {
    "u": "university",
    "uni": "university",
    "univ": "university",
    "inst": "institute",
    "instit": "institute",
    "med": "medical",
    "tech": "technology",
    "hosp": "hospital",
    "coll": "college",
    "natl": "national",
    "intl": "international",
    "dept": "department",
    "sch": "school",
    "sci": "science",
    "ctr": "center",
    "centre": "center",
    "programme": "program",
    "programmes": "programs",
    "lab": "laboratory",
    "fac": "faculty",
    "acad": "academy",
    "assoc": "association",
    "govt": "government",
}
_ABBREV_RE = re.compile(r"\b(?:" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")

_t2s: Any = None  # the OpenCC converter, loaded on first Han text; False if unavailable


def _to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC ``t2s``, repeated to a fixed point."""
    global _t2s
    if _t2s is None:
        try:
            import opencc

            _t2s = opencc.OpenCC("t2s")
        except Exception:  # pragma: no cover - opencc missing or broken: compare as is
            _t2s = False
    if _t2s is False:
        return text
    for _ in range(4):  # t2s is not idempotent on a few rare characters
        converted: str = _t2s.convert(text)
        if converted == text:
            break
        text = converted
    return text


def _normalize_block(text: str) -> str:
    """Normalise a block of names separated by newlines (each line stays one name)."""
    s = unicodedata.normalize("NFKC", text).casefold()
    ascii_only = s.isascii()
    if not ascii_only:
        s = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], s)
        s = _MARKS_RE.sub("", unicodedata.normalize("NFKD", s))
    s = _PUNCT_RE.sub(" ", s)
    s = _EDGES_RE.sub("\n", _SPACES_RE.sub(" ", s)).strip(" ")
    s = _ABBREV_RE.sub(lambda m: ABBREVIATIONS[m.group()], s)
    if not ascii_only:
        if _HAN_RE.search(s):
            s = _to_simplified(s)
        s = unicodedata.normalize("NFC", s)
    return s


def normalize(text: str) -> str:
    """The comparable form of a name.

    NFKC, case folding, diacritics removed (é -> e, ø -> o), punctuation, hyphens
    and symbols become spaces, whitespace collapsed, abbreviations expanded
    (``univ``/``u`` -> university, ``inst`` -> institute, ``med`` -> medical,
    ``tech`` -> technology, ``hosp`` -> hospital ...), traditional Chinese folded
    to simplified. Idempotent; never raises.

    >>> normalize("Université de Strasbourg")
    'universite de strasbourg'
    >>> normalize("Pleven Med. Univ.")
    'pleven medical university'
    """
    s = " ".join(text.split())  # one line: no newline survives into the block form
    for _ in range(3):
        out = " ".join(_normalize_block(s).split())
        if out == s:
            break
        s = out
    return out


def _normalize_many(texts: list[str]) -> list[str]:
    """:func:`normalize` over many names at once (C-speed passes over one block)."""
    if not texts:
        return []
    block = "\n".join(texts)
    if block.count("\n") != len(texts) - 1 or any(c in block for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        return [normalize(t) for t in texts]
    out = _normalize_block(block).split("\n")
    if len(out) != len(texts):  # pragma: no cover - defensive
        return [normalize(t) for t in texts]
    return out


# ---------------------------------------------------------------------------
# Word classes
# ---------------------------------------------------------------------------

_FUNCTION_RAW = """
of the a an and for in at on to with by from its
de du des la le les l d et en au aux sur pour
di del della dello dei degli delle e il lo gli da
y el los las
der die das und fur von zu im am
van het voor
na i и на за
"""
_GENERIC_RAW = """
university universities universite universita universitat universitaet universiteit universidad universidade
universitaria universitario universitaire universitatsklinikum hochschule
college school ecole scuola facultad faculty faculte facolta
institute institut istituto instituto institution institutions
hospital hospitals hopital hopitaux ospedale ospedaliero ospedaliera azienda hospitalo hospitalier clinic klinikum
medical medicine medecine medicina medizin medizinische medica medico sciences science studies studi research
health healthcare center department laboratory academy
national nationale nazionale international technology technological polytechnic
affiliated program programs project
медицински медицинския медицински университет университета университетът медицинскии
"""
_GENERIC_CJK = (
    "医科大学",
    "医学院",
    "大学",
    "学院",
    "医院",
    "附属",
    "国立",
    "理工",
    "研究所",
    "研究院",
    "实验室",
    "中心",
)
_GENERIC_CJK_RE = re.compile("(" + "|".join(sorted(_GENERIC_CJK, key=len, reverse=True)) + ")")

_words: tuple[frozenset[str], frozenset[str]] | None = None


def _word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(function words, generic words), normalised once."""
    global _words
    if _words is None:
        function = frozenset(normalize(_FUNCTION_RAW).split())
        generic = frozenset(normalize(_GENERIC_RAW).split()) | frozenset(_GENERIC_CJK)
        _words = (function, generic - function)
    return _words


def _tokens(norm: str) -> list[str]:
    """Words of a normalised string; Han runs are cut around generic words (大学 ...)."""
    words = norm.split()
    if not _HAN_RE.search(norm):
        return words
    out: list[str] = []
    for word in words:
        if not _HAN_RE.search(word):
            out.append(word)
            continue
        for piece in _GENERIC_CJK_RE.split(word):
            if piece:
                out.extend(_HAN_SPLIT_RE.findall(piece))
    return out


def _is_han(token: str) -> bool:
    return _HAN_RE.search(token) is not None


def _max_edits(length: int) -> int:
    """Typos tolerated in a word of this length: none up to 3 letters, 1 up to 5, else 2."""
    return 0 if length <= 3 else 1 if length <= 5 else 2


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One record found by a query, through its best-matching name."""

    kind: str  # "partners" | "programmes" | "events" | "people"
    id: str
    name: str  # the record's display name
    score: float  # 0..100
    matched: str  # the name variant that matched, as written in the data
    field: str  # where the variant came from: "name", "names[label,fr]", "funders" ...
    match: str  # "exact" | "acronym" | "token" | "fuzzy" | "prefix"
    gap: float = 0.0  # score minus the next hit's score (last hit: minus the cutoff)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "score": round(self.score, 2),
            "matched": self.matched,
            "field": self.field,
            "match": self.match,
            "gap": round(self.gap, 2),
        }


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to: one clear record, or candidates, or suggestions."""

    best: Hit | None = None  # set only when the top hit is clear
    candidates: list[Hit] = field(default_factory=list)  # top hits (best first), also when clear
    suggestions: list[Hit] = field(default_factory=list)  # did-you-mean, when nothing passed

    @property
    def clear(self) -> bool:
        return self.best is not None


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------


def _name_field(prefix: str, name: Name) -> str:
    return f"{prefix}[{name.type},{name.lang}]" if name.lang else f"{prefix}[{name.type}]"


def _field_weight(field_name: str, kind: str) -> float:
    if field_name == "funders":
        return FIELD_WEIGHT["funders"]
    if field_name == "place":
        return FIELD_WEIGHT["place"]
    if "misspelling" in field_name:
        return FIELD_WEIGHT["misspelling"]
    if "former" in field_name:
        return FIELD_WEIGHT["former"]
    if kind == "events":
        return FIELD_WEIGHT["event"]
    return 1.0


_Scored = tuple[float, int, str, bool]  # (score, entry, match kind, name covered)

_ACRONYM_LIKE_RE = re.compile(r"(?<![^\W_])(?=[a-z0-9]*[A-Z][a-z0-9]*[A-Z])[A-Za-z0-9]{2,6}(?![^\W_])")


class SearchIndex:
    """Every name of every record, normalised once, with word postings for scoring."""

    def __init__(self) -> None:
        # records
        self.rec_kind: list[str] = []
        self.rec_id: list[str] = []
        self.rec_name: list[str] = []
        # entries (one per name variant)
        self.e_rec: list[int] = []
        self.e_text: list[str] = []
        self.e_field: list[str] = []
        self.e_weight: list[float] = []
        self.e_acronym: list[bool] = []
        self.e_norm: list[str] = []
        self.e_tokens: list[tuple[str, ...]] = []
        # lookups
        self.exact: dict[str, list[int]] = {}  # normalised non-acronym name -> entries
        self.acronyms: dict[str, list[int]] = {}  # normalised acronym -> entries
        self.postings: dict[str, list[int]] = {}  # distinctive word -> entries
        self.df: dict[str, int] = {}  # distinctive word -> number of records using it
        self.exact_only: set[str] = set()  # acronym-like words: never matched by typos
        self._vocab: list[str] | None = None  # typo-matchable words (lazy)
        self._sorted_vocab: list[str] | None = None  # for prefix lookups (lazy)
        self._han_vocab: list[str] | None = None  # Han words (lazy)

    # -- building -----------------------------------------------------------

    @classmethod
    def build(cls, dataset: Dataset) -> SearchIndex:
        """Index every name of every partner, programme, event and person."""
        index = cls()
        texts = index.e_text
        partner_names: dict[str, list[tuple[str, bool]]] = {}

        def add(rec: int, text: str, field_name: str, kind: str, acronym: bool = False) -> None:
            if text and text.strip():
                index.e_rec.append(rec)
                texts.append(text)
                index.e_field.append(field_name)
                index.e_weight.append(_field_weight(field_name, kind))
                index.e_acronym.append(acronym)

        def record(kind: str, rid: str, name: str) -> int:
            index.rec_kind.append(kind)
            index.rec_id.append(rid)
            index.rec_name.append(name)
            return len(index.rec_id) - 1

        for p in dataset.partners:
            rec = record("partners", p.id, p.name)
            variants = [(p.name, False)]
            add(rec, p.name, "name", "partners")
            for n in p.names:
                acronym = n.type == "acronym"
                add(rec, n.value, _name_field("names", n), "partners", acronym)
                variants.append((n.value, acronym))
            partner_names[p.id] = variants
        for g in dataset.programmes:
            rec = record("programmes", g.id, g.name)
            add(rec, g.name, "name", "programmes")
            for n in g.aliases:
                add(rec, n.value, _name_field("aliases", n), "programmes", n.type == "acronym")
            for funder in g.funders:
                for text, acronym in partner_names.get(funder, [(funder, False)]):
                    add(rec, text, "funders", "programmes", acronym)
        for ev in dataset.events:
            rec = record("events", ev.id, ev.name)
            add(rec, ev.name, "name", "events")
            if ev.place:
                add(rec, ev.place, "place", "events")
        for person in dataset.people:
            rec = record("people", person.id, person.name)
            add(rec, person.name, "name", "people")
            if person.family_name and person.given_name:
                add(rec, f"{person.family_name} {person.given_name}", "family_name given_name", "people")
                add(rec, f"{person.given_name} {person.family_name}", "given_name family_name", "people")
            if person.name_zh:
                add(rec, person.name_zh, "name_zh", "people")
            for n in person.aliases:
                add(rec, n.value, _name_field("aliases", n), "people", n.type == "acronym")
        index._finish()
        return index

    def _finish(self) -> None:
        """Normalise all entries, drop per-record duplicates, fill the lookups."""
        norms = _normalize_many(self.e_text)
        function, generic = _word_classes()
        keep: list[int] = []
        seen: set[tuple[int, str, bool]] = set()
        for i, norm in enumerate(norms):
            key = (self.e_rec[i], norm, self.e_acronym[i])
            if norm and key not in seen:
                seen.add(key)
                keep.append(i)
        if len(keep) != len(norms):
            self.e_rec = [self.e_rec[i] for i in keep]
            self.e_text = [self.e_text[i] for i in keep]
            self.e_field = [self.e_field[i] for i in keep]
            self.e_weight = [self.e_weight[i] for i in keep]
            self.e_acronym = [self.e_acronym[i] for i in keep]
            norms = [norms[i] for i in keep]
        self.e_norm = norms
        exact, acronyms, postings = self.exact, self.acronyms, self.postings
        rec_words: list[set[str]] = [set() for _ in self.rec_id]
        e_tokens = self.e_tokens
        has_han = any(_HAN_RE.search(n) for n in norms) if any(not n.isascii() for n in norms) else False
        split = _tokens if has_han else str.split
        stop = function | generic
        for e, norm in enumerate(norms):
            toks = tuple(split(norm))
            e_tokens.append(toks)
            if self.e_acronym[e]:
                acronyms.setdefault(norm, []).append(e)
                self.exact_only.update(toks)
            else:
                exact.setdefault(norm, []).append(e)
            words = rec_words[self.e_rec[e]]
            for t in toks:
                if t not in stop:
                    postings.setdefault(t, []).append(e)
                    words.add(t)
        df = self.df
        for words in rec_words:
            for t in words:
                df[t] = df.get(t, 0) + 1
        # Upper-case words inside other names ("CQMU-UoL Joint Institute") are acronyms too.
        people = {e for e, r in enumerate(self.e_rec) if self.rec_kind[r] == "people"}
        originals = "\n".join(t for e, t in enumerate(self.e_text) if e not in people)
        for found in _ACRONYM_LIKE_RE.findall(originals):
            if sum(c.isupper() for c in found) * 2 >= len(found):
                self.exact_only.add(found.casefold())

    # -- weights ------------------------------------------------------------

    def _idf(self, token: str) -> float:
        n = len(self.rec_id) or 1
        return math.log(1.0 + n / self.df.get(token, 1))

    def _entry_weight(self, token: str) -> float:
        function, generic = _word_classes()
        if token in function:
            return 0.0
        if token in generic:
            return GENERIC_ENTRY_WEIGHT
        return self._idf(token)

    # -- word matching ------------------------------------------------------

    def _vocabularies(self) -> tuple[list[str], list[str], list[str]]:
        if self._vocab is None or self._sorted_vocab is None or self._han_vocab is None:
            latin = [t for t in self.postings if not _is_han(t)]
            self._vocab = [t for t in latin if len(t) >= 4 and t not in self.exact_only]
            self._sorted_vocab = sorted(t for t in latin if t not in self.exact_only)
            self._han_vocab = [t for t in self.postings if _is_han(t)]
        return self._vocab, self._sorted_vocab, self._han_vocab

    def _match_word(self, token: str, loose: bool, exact_only: bool) -> dict[str, tuple[float, float, str]]:
        """Index words matching one query word: word -> (sim for query, sim for entry, how)."""
        found: dict[str, tuple[float, float, str]] = {}
        if token in self.postings:
            found[token] = (1.0, 1.0, "token")
        if exact_only:
            return found
        vocab, sorted_vocab, han_vocab = self._vocabularies()
        if _is_han(token):
            for word in han_vocab:
                if word == token or min(len(word), len(token)) < 2:
                    continue
                if token in word:
                    found[word] = (0.9, len(token) / len(word), "prefix")
                elif word in token:
                    found[word] = (len(word) / len(token), 1.0, "prefix")
            if len(token) >= 4:
                from rapidfuzz.distance import OSA

                for word in han_vocab:
                    if word not in found and abs(len(word) - len(token)) <= 1:
                        d = OSA.distance(token, word, score_cutoff=1)
                        if d <= 1:
                            sim = 1.0 - d / (max(len(word), len(token)) + 1)
                            found[word] = (sim, sim, "fuzzy")
            return found
        edits = _max_edits(len(token)) + (1 if loose and len(token) >= 4 else 0)
        if edits:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            for word, d, _ in process.extract(token, vocab, scorer=OSA.distance, score_cutoff=edits, limit=None):
                if word != token and d <= _max_edits(len(word)) + (1 if loose else 0):
                    sim = 1.0 - d / (max(len(word), len(token)) + 1)
                    if sim > found.get(word, (0.0, 0.0, ""))[0]:
                        found[word] = (sim, sim, "fuzzy")
        if len(token) >= 4:
            start = bisect.bisect_left(sorted_vocab, token)
            for word in sorted_vocab[start : start + 200]:
                if not word.startswith(token):
                    break
                if word != token:
                    ratio = len(token) / len(word)
                    sim = 0.8 + 0.15 * ratio
                    if sim > found.get(word, (0.0, 0.0, ""))[0]:
                        found[word] = (sim, ratio, "prefix")
        return found

    # -- searching ----------------------------------------------------------

    def _check_kinds(self, kinds: Iterable[str] | None) -> frozenset[str] | None:
        if kinds is None:
            return None
        wanted = frozenset(kinds)
        unknown = wanted - set(KIND_ORDER)
        if unknown:
            raise ValueError(f"unknown kind(s): {', '.join(sorted(unknown))} (use {', '.join(KIND_ORDER)})")
        return wanted

    def _scored(self, query: str, kinds: frozenset[str] | None, loose: bool) -> dict[int, _Scored]:
        """record -> (score, entry, match kind, covered) for every record the query reaches.

        ``covered`` is true when every distinctive word of the matched name was
        matched by the query (exact and acronym matches are covered).
        """
        qn = normalize(query)
        if not qn:
            return {}
        best: dict[int, _Scored] = {}
        e_rec, rec_kind, e_weight = self.e_rec, self.rec_kind, self.e_weight

        def offer(e: int, score: float, how: str) -> None:
            r = e_rec[e]
            if kinds is not None and rec_kind[r] not in kinds:
                return
            old = best.get(r)
            if old is None or score > old[0]:
                best[r] = (score, e, how, True)

        for e in self.acronyms.get(qn, ()):
            offer(e, 100.0 * e_weight[e], "acronym")
        for e in self.exact.get(qn, ()):
            offer(e, 100.0 * e_weight[e], "exact")
        compact = qn.replace(" ", "")
        short = len(compact) <= 3 and not _HAN_RE.search(qn)
        if short and best:
            return best  # short queries: acronyms (and exact names) first

        function, generic = _word_classes()
        qtokens = _tokens(qn)
        distinct: list[str] = []
        generic_q: set[str] = set()
        for t in qtokens:
            if t in function:
                continue
            if t in generic:
                generic_q.add(t)
            elif t not in self.postings and len(t) >= 5 and (g := _near_generic(t, generic)):
                generic_q.add(g)  # "medcal" -> "medical"
            elif t not in distinct:
                distinct.append(t)
        if not distinct:
            return best  # only generic words: exact names only

        matches = [self._match_word(t, loose, exact_only=short or t in self.exact_only) for t in distinct]
        unknown = math.log(1.0 + (len(self.rec_id) or 1))
        weights: list[float] = []
        for t, found in zip(distinct, matches, strict=True):
            if t in self.df:
                weights.append(self._idf(t))
            elif found:
                top = max(found, key=lambda w: found[w][0])
                weights.append(self._idf(top))
            else:
                weights.append(unknown)
        gweights = {g: GENERIC_WEIGHT for g in generic_q}
        total = sum(weights) + GENERIC_WEIGHT * len(generic_q)

        # Candidates: entries holding a word that matches a distinctive query word.
        sims: dict[int, list[float]] = {}
        n = len(distinct)
        entry_sim: dict[str, float] = {}
        hows: dict[str, str] = {}
        for i, found in enumerate(matches):
            for word, (sq, se, how) in found.items():
                if se > entry_sim.get(word, 0.0):
                    entry_sim[word] = se
                    hows[word] = how
                for e in self.postings.get(word, ()):
                    if kinds is not None and rec_kind[e_rec[e]] not in kinds:
                        continue
                    row = sims.get(e)
                    if row is None:
                        row = sims[e] = [0.0] * n
                    if sq > row[i]:
                        row[i] = sq
        if not sims:
            return best
        for g in generic_q:
            entry_sim[g] = 1.0

        from rapidfuzz.fuzz import token_sort_ratio

        weight_of = self._entry_weight
        per_record: dict[int, tuple[float, int, float, float, list[float], set[str]]] = {}
        for e, row in sims.items():
            toks = self.e_tokens[e]
            tokset = set(toks)
            fw = e_weight[e]
            q = sum(w * s for w, s in zip(weights, row, strict=True)) + sum(
                gweights[g] for g in generic_q if g in tokset
            )
            wsum = 0.0
            covered = 0.0
            for t in tokset:
                w = weight_of(t)
                wsum += w
                covered += w * entry_sim.get(t, 0.0)
            ecov = covered / wsum if wsum else 0.0
            full = token_sort_ratio(qn, self.e_norm[e]) / 100.0
            qcov = q / total if total else 0.0
            score = fw * (W_QUERY * qcov + W_ENTRY * ecov + W_FULL * full)
            r = e_rec[e]
            prev = per_record.get(r)
            scaled = [s * fw for s in row]
            if prev is None:
                per_record[r] = (score, e, ecov * fw, full * fw, scaled, {g for g in generic_q if g in tokset})
            else:
                merged = [max(a, b) for a, b in zip(prev[4], scaled, strict=True)]
                gen = prev[5] | {g for g in generic_q if g in tokset}
                if score > prev[0]:
                    per_record[r] = (score, e, ecov * fw, full * fw, merged, gen)
                else:
                    per_record[r] = (prev[0], prev[1], prev[2], prev[3], merged, gen)
        for r, (_, e, ecov_w, full_w, row, gen) in per_record.items():
            q_rec = (sum(w * s for w, s in zip(weights, row, strict=True)) + GENERIC_WEIGHT * len(gen)) / total
            score = 100.0 * (W_QUERY * q_rec + W_ENTRY * ecov_w + W_FULL * full_w)
            score = min(score, TOKEN_CAP)
            how = "token"
            words = set(self.e_tokens[e])
            kinds_used = {hows.get(t, "token") for t in words if t in entry_sim and t not in generic_q}
            if "prefix" in kinds_used:
                how = "prefix"
            elif "fuzzy" in kinds_used:
                how = "fuzzy"
            covered = all(t in entry_sim for t in words if t not in function and t not in generic)
            old = best.get(r)
            if old is None or score > old[0]:
                best[r] = (score, e, how, covered)
        return best

    def _hits(self, scored: dict[int, _Scored], cutoff: float, limit: int | None) -> list[Hit]:
        kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}
        rows = [(s, r, e, how) for r, (s, e, how, _) in scored.items() if s >= cutoff]
        rows.sort(key=lambda x: (-x[0], kind_rank[self.rec_kind[x[1]]], self.rec_name[x[1]], self.rec_id[x[1]]))
        hits: list[Hit] = []
        for i, (s, r, e, how) in enumerate(rows):
            nxt = rows[i + 1][0] if i + 1 < len(rows) else cutoff
            hits.append(
                Hit(
                    kind=self.rec_kind[r],
                    id=self.rec_id[r],
                    name=self.rec_name[r],
                    score=round(s, 2),
                    matched=self.e_text[e],
                    field=self.e_field[e],
                    match=how,
                    gap=round(max(s - nxt, 0.0), 2),
                )
            )
            if limit is not None and len(hits) >= limit:
                break
        return hits

    def search(self, query: str, kinds: Sequence[str] | None = None, limit: int | None = 10) -> list[Hit]:
        """Records matching ``query`` with a score of at least :data:`CUTOFF`, best first.

        One hit per record (its best name variant); ties are broken by kind order
        (partners, programmes, events, people), then name, then id.
        """
        wanted = self._check_kinds(kinds)
        return self._hits(self._scored(query, wanted, loose=False), CUTOFF, limit)

    def suggest(self, query: str, kinds: Sequence[str] | None = None, limit: int = 3) -> list[Hit]:
        """Looser "did you mean" candidates: one more typo per word, a lower floor."""
        wanted = self._check_kinds(kinds)
        return self._hits(self._scored(query, wanted, loose=True), SUGGEST_CUTOFF, limit)

    def resolve(self, query: str, kinds: Sequence[str] | None = ("partners",)) -> Resolution:
        """The record ``query`` names, if that is clear.

        ``best`` is set when the top hit is the only one, or leads the runner-up
        by :data:`MARGIN` points (:data:`MARGIN_COVERED` when the query covers every
        distinctive word of the matched name), or is an exact/acronym match that
        no other record shares.
        ``candidates`` holds the top hits (up to 5) whenever any passed the cutoff;
        when none did, names that start with the query (e.g. "University of") are
        offered as candidates, and else :meth:`suggest` fills ``suggestions``.
        """
        wanted = self._check_kinds(kinds)
        scored = self._scored(query, wanted, loose=False)
        hits = self._hits(scored, CUTOFF, 5)
        if hits:
            top = hits[0]
            second = hits[1] if len(hits) > 1 else None
            if second is None:
                clear = True
            elif top.match in ("exact", "acronym"):
                clear = second.match not in ("exact", "acronym") or second.score < top.score
            else:
                gap = top.score - second.score
                covered = any(
                    c for r, (_, _, _, c) in scored.items() if (self.rec_kind[r], self.rec_id[r]) == (top.kind, top.id)
                )
                clear = gap >= MARGIN or (covered and gap >= MARGIN_COVERED)
            return Resolution(best=top if clear else None, candidates=hits)
        prefix = self._prefix_hits(query, kinds, limit=5)
        if prefix:
            return Resolution(best=None, candidates=prefix)
        return Resolution(best=None, suggestions=self.suggest(query, kinds))

    def _prefix_hits(self, query: str, kinds: Sequence[str] | None, limit: int) -> list[Hit]:
        qn = normalize(query)
        wanted = self._check_kinds(kinds)
        if len(qn) < 3:
            return []
        seen: dict[int, int] = {}
        for e, norm in enumerate(self.e_norm):
            r = self.e_rec[e]
            if norm.startswith(qn) and r not in seen and (wanted is None or self.rec_kind[r] in wanted):
                seen[r] = e
        scored = {r: (100.0 * len(qn) / len(self.e_norm[e]), e, "prefix", False) for r, e in seen.items()}
        hits = self._hits(scored, 0.0, limit)
        return hits

    def complete(
        self, prefix: str, kinds: Sequence[str] | None = ("partners",), limit: int = 50
    ) -> list[tuple[str, str]]:
        """(value, help) pairs for shell completion: ids, then names, that start with
        the prefix, then those containing it. Needs no rapidfuzz."""
        wanted = self._check_kinds(kinds)
        p = prefix.casefold()
        qn = normalize(prefix) if prefix else ""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()

        def push(value: str, help_text: str) -> bool:
            if value not in seen:
                seen.add(value)
                out.append((value, help_text))
            return len(out) >= limit

        recs = [r for r in range(len(self.rec_id)) if wanted is None or self.rec_kind[r] in wanted]
        for r in recs:
            if self.rec_id[r].startswith(p) and push(self.rec_id[r], self.rec_name[r]):
                return out
        entries = [e for e in range(len(self.e_norm)) if wanted is None or self.rec_kind[self.e_rec[e]] in wanted]
        for e in entries:
            if self.e_norm[e].startswith(qn) and push(self.e_text[e], self.rec_id[self.e_rec[e]]):
                return out
        if not p:
            return out
        for r in recs:
            if p in self.rec_id[r] and push(self.rec_id[r], self.rec_name[r]):
                return out
        for e in entries:
            if qn and qn in self.e_norm[e] and push(self.e_text[e], self.rec_id[self.e_rec[e]]):
                return out
        return out


def _near_generic(token: str, generic: frozenset[str]) -> str | None:
    """The generic word one typo away from ``token`` ("medcal" -> "medical"), if any."""
    for word in generic:
        if abs(len(word) - len(token)) <= 1 and _osa_at_most_one(token, word):
            return word
    return None


def _osa_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one edit (insert, delete, substitute, swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]
