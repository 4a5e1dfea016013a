"""Find records by any of their names: typo-tolerant, multilingual, and cautious.

Design (after ROR's affiliation matcher: normalise, treat acronyms apart, pick a
match only when it is clear):

* :func:`normalize` folds a name to a comparable form: Unicode NFKC, case folding,
  diacritics removed, punctuation and symbols turned into spaces, common
  abbreviations expanded (``univ`` -> ``university``), traditional Chinese turned
  into simplified Chinese (OpenCC ``t2s``, loaded only when the text holds Han
  characters). CJK text is otherwise kept as it is.
* :class:`SearchIndex` is built once per dataset over every name of every record
  (one *entry* per name variant, remembering its text and field). Building only
  walks the dataset and normalises the names in a few C-speed passes over two
  big strings (ASCII names, other names); words are found at query time by
  scanning those strings (cached per word), and the vocabulary for typo matching
  is made on the first query that needs one. Han names are converted (OpenCC)
  and split (莱斯特 大学) on the first Han query. Names in the index keep their
  abbreviations; a query word also finds its abbreviated forms ("saint" finds
  "St."). The cyclic GC is paused while building. Pickling keeps only plain
  lists and strings (no caches) and rebuilds the joined strings on load.
* Scoring works on words. Function words ("of", "de", "di") weigh nothing,
  generic words ("University", "Medical", "Hospital", "大学") weigh little, every
  other query word weighs its inverse document frequency over records, and a
  query word found in no record weighs as much as the rarest word. A record
  scores::

      100 * (0.75 * Q + 0.20 * E + 0.05 * F)

  where ``Q`` is the weighted share of the query's words found in the record (a
  word may match exactly, with one or two typos, or as a prefix; words may come
  from different names of the record, as "Erasmus+ exchange" from a programme's
  name and its funder), ``E`` the weighted share of the best name's words that
  the query covers, and ``F`` the similarity of the two whole strings (word
  order ignored). Names reached through a programme's funders or an event's
  place count 0.85, misspellings 0.97, former names 0.95, event titles 0.97.
* Only distinctive query words bring candidates, so "Harvard University" or
  "Sorbonne" find nothing; and only the rarest of them, as long as a record
  without them could still reach the cutoff. The best :data:`RESCORE` records
  by a cheap first score are scored in full, over all their names.
* Typos (1 edit for 4-5 letters, 2 from 6, Damerau-Levenshtein/OSA via rapidfuzz)
  are tried only for a query word that no name holds: a real word is taken as
  typed. :meth:`SearchIndex.suggest` always tries them, with one more edit.
* Exact names score 100 and acronyms are matched only exactly (case-insensitive):
  a word that is an acronym in the data is never reached by typo tolerance.
  Queries of at most three letters try acronyms first, then exact words only.
* Results below :data:`CUTOFF` are dropped; :meth:`SearchIndex.resolve` picks a
  record only when it is the only hit, or leads the runner-up by :data:`MARGIN`
  points (:data:`MARGIN_COVERED` when the query names every distinctive word of
  the matched name), or is the only record with that exact name or acronym.
  Parts of the top partner (its faculty, hospital, labs: the ``parent`` chain)
  do not count as runners-up, so "Strassburg" picks the University of
  Strasbourg, while "Sino-French" (four programmes) stays ambiguous.

Scores are floats in 0..100. ``Hit.gap`` is the score minus the next result's
score (over all results, before ``limit`` cuts the list); the last result's gap
is its score minus the cutoff.

rapidfuzz is imported lazily (first query), OpenCC only for Han text, and
:meth:`SearchIndex.complete` imports neither for Latin prefixes.
"""

from __future__ import annotations

import gc
import heapq
import math
import operator
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import TYPE_CHECKING, Any

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

KIND_ORDER: tuple[str, ...] = ("partners", "programmes", "events", "people")
CUTOFF = 65.0  # results scoring below this are dropped
SUGGEST_CUTOFF = 40.0  # looser floor for "did you mean" suggestions
MARGIN = 8.0  # lead over the runner-up needed for resolve() to pick a record ...
MARGIN_COVERED = 4.0  # ... or this lead, when the query covers every distinctive word of its name
TOKEN_CAP = 99.0  # a non-exact match never ties with an exact one

# Weights.
W_QUERY, W_ENTRY, W_FULL = 0.75, 0.20, 0.05
GENERIC_WEIGHT = 0.35  # a generic query word ("university") weighs this; function words 0
GENERIC_ENTRY_WEIGHT = 0.25  # a generic word of a name weighs this against 1 for other words
FIELD_WEIGHT = {"misspelling": 0.97, "former": 0.95, "funders": 0.85, "place": 0.85, "event": 0.97}
MAX_SCAN_HITS = 20_000  # stop scanning for a word prefix after this many hits
RESCORE = 150  # records fully scored per query, chosen by a cheap first score
MAX_TYPO_WORDS = 12  # closest index words kept per mistyped query word

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_HAN_CLASS = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_MARKS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPECIAL = {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
_SPECIAL_RE = re.compile("[" + "".join(_SPECIAL) + "]")
_CHEROKEE_RE = re.compile("[\u13a0-\u13f5]")
_JAMO_RE = re.compile("[\u1100-\u11ff]+")
_PUNCT_RE = re.compile(r"[^\w\n ]")  # everything but letters, digits, "_", space and newline
_ASCII_TABLE = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "\n ")})
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
    "st": "saint",
    "ste": "sainte",
}
_ABBREVIATED: dict[str, list[str]] = {}
for _short, _full in ABBREVIATIONS.items():
    _ABBREVIATED.setdefault(_full, []).append(_short)

_han_res: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None = None
_t2s: Any = None  # the OpenCC converter, loaded on first Han text; False if unavailable


def _han() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(any Han character, Han run or non-Han run, generic Han word) patterns, compiled once."""
    global _han_res
    if _han_res is None:
        generic = "|".join(sorted(_GENERIC_CJK, key=len, reverse=True))
        _han_res = (
            re.compile(f"[{_HAN_CLASS}]"),
            re.compile(f"[{_HAN_CLASS}]+|[^{_HAN_CLASS}]+"),
            re.compile(f"({generic})"),
        )
    return _han_res


def _has_han(text: str) -> bool:
    return not text.isascii() and _han()[0].search(text) is not None


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
    for _ in range(4):  # t2s is not idempotent on a few rare characters (苧 -> 苎)
        converted: str = _t2s.convert(text)
        if converted == text:
            break
        text = converted
    return text


def _squeeze(s: str) -> str:
    """Single spaces between words, none at line ends."""
    while "  " in s:
        s = s.replace("  ", " ")
    return s.replace(" \n", "\n").replace("\n ", "\n").strip(" ")


def _expand(s: str) -> str:
    """Expand abbreviations word by word (small inputs: queries)."""
    return "\n".join(" ".join([ABBREVIATIONS.get(w, w) for w in line.split(" ")]) for line in s.split("\n"))


def _fold_block(block: str, *, expand: bool, t2s: bool) -> str:
    """Normalise newline-separated names in one pass per step (each line stays one name)."""
    if block.isascii():
        s = _squeeze(block.lower().translate(_ASCII_TABLE))
        return _expand(s) if expand else s
    s = unicodedata.normalize("NFKC", block).casefold()
    if _CHEROKEE_RE.search(s):  # Unicode case-folds Cherokee to capitals
        s = s.lower()
    s = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], s)
    s = _MARKS_RE.sub("", unicodedata.normalize("NFKD", s))
    s = _squeeze(_PUNCT_RE.sub(" ", s).replace("_", " "))
    if expand:
        s = _expand(s)
    if t2s and _has_han(s):
        s = _to_simplified(s)
    # Marks left after NFKD became spaces above, so only Hangul jamo can recompose.
    if _JAMO_RE.search(s):
        s = _JAMO_RE.sub(lambda m: unicodedata.normalize("NFC", m.group()), s)
    return s


def _normalize_many(texts: list[str], *, expand: bool = True, t2s: bool = True) -> list[str]:
    """Normalise many names: the ASCII ones and the others each in one block of C-speed passes."""
    flags = list(map(str.isascii, texts))
    parts: list[list[str]] = []
    for subset in (list(compress(texts, flags)), list(compress(texts, map(operator.not_, flags)))):
        block = "\n".join(subset)
        if block.count("\n") != len(subset) - 1:  # a name holding a newline: one by one
            parts.append([_fold_block(" ".join(t.split()), expand=expand, t2s=t2s) for t in subset])
        else:
            parts.append(_fold_block(block, expand=expand, t2s=t2s).split("\n") if subset else [])
    ascii_part, other_part = parts
    if not other_part:
        return ascii_part
    if not ascii_part:
        return other_part
    ascii_next, other_next = iter(ascii_part).__next__, iter(other_part).__next__
    return [ascii_next() if f else other_next() for f in flags]


def normalize(text: str) -> str:
    """The comparable form of a name.

    NFKC, case folding, diacritics removed (é -> e, ø -> o), punctuation, hyphens
    and symbols become spaces, whitespace collapsed, abbreviations expanded
    (``univ``/``u`` -> university, ``inst`` -> institute, ``med`` -> medical,
    ``tech`` -> technology, ``hosp`` -> hospital ...), traditional Chinese folded
    to simplified (OpenCC). Idempotent; never raises.

    >>> normalize("Université de Strasbourg")
    'universite de strasbourg'
    >>> normalize("Pleven Med. Univ.")
    'pleven medical university'
    """
    s = " ".join(text.split())
    out = s
    for _ in range(4):
        out = " ".join(_fold_block(s, expand=True, t2s=True).split())
        if out == s:
            break
        s = out
    return out


def _fold_prefix(text: str) -> str:
    """A name being typed, normalised without expanding abbreviations ("Univ" is a start)."""
    return " ".join(_fold_block(" ".join(text.split()), expand=False, t2s=True).split())


# ---------------------------------------------------------------------------
# Word classes
# ---------------------------------------------------------------------------

_FUNCTION_RAW = """
of the a an and or for in at on to with by from its s
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
медицински медицинския университет университета университетът медицинскии
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

_words: tuple[frozenset[str], frozenset[str]] | None = None


def _word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """(function words, generic words), normalised once."""
    global _words
    if _words is None:
        function = frozenset(normalize(_FUNCTION_RAW).split())
        generic = frozenset(normalize(_GENERIC_RAW).split()) | frozenset(_GENERIC_CJK)
        _words = (function, generic - function)
    return _words


def _split_han(norm: str) -> str:
    """Words of a normalised string, with Han runs cut around generic words (莱斯特 大学)."""
    if not _has_han(norm):
        return norm
    han_char, runs, generic = _han()
    out: list[str] = []
    for word in norm.split():
        if not han_char.search(word):
            out.append(word)
            continue
        for piece in generic.split(word):
            if piece:
                out.extend(runs.findall(piece))
    return " ".join(out)


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

_Scored = tuple[float, int, str, bool]  # (score, entry, match kind, name covered)
_Match = tuple[float, float, str, list[int]]  # (similarity for the query word, for the name word, how, entries)


def _name_field(prefix: str, name: Name) -> str:
    return f"{prefix}[{name.type},{name.lang}]" if name.lang else f"{prefix}[{name.type}]"


def _field_weight(field_name: str, kind: str) -> float:
    if field_name in ("funders", "place"):
        return FIELD_WEIGHT[field_name]
    if "misspelling" in field_name:
        return FIELD_WEIGHT["misspelling"]
    if "former" in field_name:
        return FIELD_WEIGHT["former"]
    return FIELD_WEIGHT["event"] if kind == "events" else 1.0


class _Block:
    """Normalised names joined as ``"\\n name\\n name\\n"``: one line per entry."""

    def __init__(self, entries: list[int], norms: list[str]) -> None:
        self.entries = entries
        self.text = "\n " + "\n ".join(norms) + "\n" if norms else "\n"
        self._norms: list[str] | None = norms
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            norms = self._norms if self._norms is not None else self.text[2:-1].split("\n ")
            self._starts = list(accumulate(map((2).__add__, map(len, norms)), initial=1))
            self._norms = None
        return self._starts

    def entry_at(self, pos: int) -> int:
        return self.entries[bisect_right(self.starts(), pos) - 1]

    def find_all(self, needle: str) -> list[int]:
        """Entries whose line contains ``needle`` (in block order, without repeats)."""
        out: list[int] = []
        find = self.text.find
        shift = 1 if needle.startswith("\n") else 0
        i = find(needle)
        while i != -1:
            e = self.entry_at(i + shift)
            if not out or out[-1] != e:
                out.append(e)
            i = find(needle, i + 1)
        return out

    def with_word(self, word: str) -> list[int]:
        """Entries holding ``word`` as a whole word."""
        out: list[int] = []
        if len(word) <= 3:  # many words start with "st": let the regex engine skip them
            pattern = re.compile(" " + re.escape(word) + "(?=[ \n])")
            for m in pattern.finditer(self.text):
                e = self.entry_at(m.start())
                if not out or out[-1] != e:
                    out.append(e)
            return out
        text, find = self.text, self.text.find
        needle = " " + word
        size = len(needle)
        i = find(needle)
        while i != -1:
            if text[i + size] in " \n":
                e = self.entry_at(i)
                if not out or out[-1] != e:
                    out.append(e)
            i = find(needle, i + size)
        return out

    def words_from(self, prefix: str, limit: int) -> tuple[dict[str, list[int]], bool]:
        """Words starting with ``prefix`` (itself included) -> entries holding them; and
        whether the scan stopped at ``limit`` hits (then the lists are incomplete)."""
        out: dict[str, list[int]] = {}
        text, find = self.text, self.text.find
        needle = " " + prefix
        size = len(needle)
        i = find(needle)
        hits = 0
        while i != -1:
            hits += 1
            if hits > limit:
                return out, True
            j = i + size
            if text[j] in " \n":
                end = j
            else:
                space, newline = find(" ", j), find("\n", j)
                end = newline if space == -1 or newline < space else space
            e = self.entry_at(i)
            found = out.setdefault(text[i + 1 : end], [])
            if not found or found[-1] != e:
                found.append(e)
            i = find(needle, end)
        return out, False


class SearchIndex:
    """Every name of every record, normalised once, searched by words."""

    def __init__(self) -> None:
        self.rec_kind: list[str] = []
        self.rec_id: list[str] = []
        self.rec_name: list[str] = []
        self.e_rec: list[int] = []  # entry -> record
        self.e_text: list[str] = []  # entry -> the name as written
        self.e_src: list[str | Name] = []  # entry -> where it came from (a field name, or the Name)
        self.e_acronym: list[bool] = []
        self.e_norm: list[str] = []  # entry -> normalised (abbreviations kept; Han split lazily)
        self._blocks: list[_Block] = []
        self._han_ready = False
        self.rec_first: list[int] = []  # record -> its first entry (entries of a record are contiguous)
        self.parents: list[str | None] = []  # partner record -> its parent's id
        self._words: dict[str, dict[str, list[int]]] = {}  # prefix scans, cached
        self._exact_words: dict[str, list[int]] = {}  # whole-word scans, cached
        self._vocab: tuple[list[str], list[str], list[str], str, list[int]] | None = None
        self._acronym_set: frozenset[str] | None = None
        self._partner_recs: dict[str, int] | None = None

    # -- building -----------------------------------------------------------

    @classmethod
    def build(cls, dataset: Dataset) -> SearchIndex:
        """Index every name of every partner, programme, event and person.

        The cyclic garbage collector is paused while building (the index makes
        tens of thousands of small objects and none of them cycles); its state is
        restored afterwards.
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._build(dataset)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _build(cls, dataset: Dataset) -> SearchIndex:
        index = cls()
        rec_kind, rec_id, rec_name = index.rec_kind, index.rec_id, index.rec_name
        e_rec, texts, srcs, acronyms = index.e_rec, index.e_text, index.e_src, index.e_acronym
        first = index.rec_first
        parents = index.parents
        partner_span: dict[str, tuple[int, int]] = {}

        # The loops below repeat a few appends per kind on purpose: this runs once per
        # record (tens of thousands on a large dataset) on every first run, and a shared
        # helper call per record costs more than the lines it would save.
        for p in dataset.partners:
            names = p.names
            r, start = len(rec_id), len(texts)
            first.append(start)
            parents.append(p.parent)
            rec_id.append(p.id)
            rec_name.append(p.name)
            texts.append(p.name)
            texts.extend([n.value for n in names])
            srcs.append("name")
            srcs.extend(names)
            acronyms.append(False)
            acronyms.extend([n.type == "acronym" for n in names])
            e_rec.extend([r] * (len(names) + 1))
            partner_span[p.id] = (start, len(texts))
        rec_kind.extend(["partners"] * len(rec_id))
        for g in dataset.programmes:
            names = g.aliases
            r = len(rec_id)
            first.append(len(texts))
            rec_id.append(g.id)
            rec_name.append(g.name)
            texts.append(g.name)
            texts.extend([n.value for n in names])
            srcs.append("name")
            srcs.extend(names)
            acronyms.append(False)
            acronyms.extend([n.type == "acronym" for n in names])
            count = len(names) + 1
            for funder in g.funders:
                a, b = partner_span.get(funder, (0, 0))
                texts.extend(texts[a:b])
                srcs.extend(["funders"] * (b - a))
                acronyms.extend(acronyms[a:b])
                count += b - a
            e_rec.extend([r] * count)
        for ev in dataset.events:
            r = len(rec_id)
            first.append(len(texts))
            rec_id.append(ev.id)
            rec_name.append(ev.name)
            texts.append(ev.name)
            srcs.append("name")
            acronyms.append(False)
            e_rec.append(r)
            if ev.place:
                texts.append(ev.place)
                srcs.append("place")
                acronyms.append(False)
                e_rec.append(r)
        for person in dataset.people:
            names = person.aliases
            r = len(rec_id)
            first.append(len(texts))
            rec_id.append(person.id)
            rec_name.append(person.name)
            texts.append(person.name)
            srcs.append("name")
            family, given = person.family_name, person.given_name
            if family and given:
                folded = person.name.casefold()
                for text, src in (
                    (f"{family} {given}", "family_name given_name"),
                    (f"{given} {family}", "given_name family_name"),
                ):
                    if text.casefold() != folded:  # the other order, or other capitals
                        texts.append(text)
                        srcs.append(src)
            if person.name_zh:
                texts.append(person.name_zh)
                srcs.append("name_zh")
            texts.extend([n.value for n in names])
            srcs.extend(names)
            count = len(texts) - len(acronyms)
            acronyms.extend([False] * (count - len(names)))
            acronyms.extend([n.type == "acronym" for n in names])
            e_rec.extend([r] * count)
        rec_kind.extend(["programmes"] * len(dataset.programmes))
        rec_kind.extend(["events"] * len(dataset.events))
        rec_kind.extend(["people"] * len(dataset.people))
        first.append(len(texts))
        index.e_norm = _normalize_many(texts, expand=False, t2s=False)
        index._make_blocks()
        return index

    def _field(self, e: int) -> str:
        """Where entry ``e`` came from: "name", "names[label,fr]", "aliases[alias,en]", "funders" ..."""
        src = self.e_src[e]
        if isinstance(src, str):
            return src
        return _name_field("names" if self.rec_kind[self.e_rec[e]] == "partners" else "aliases", src)

    def _label(self, e: int, memo: dict[Any, str]) -> str:
        """:meth:`_field`, memoised by (kind, name type, language): labels repeat endlessly."""
        src = self.e_src[e]
        if isinstance(src, str):
            return src
        key = (self.rec_kind[self.e_rec[e]] == "partners", src.type, src.lang)
        label = memo.get(key)
        if label is None:
            label = memo[key] = self._field(e)
        return label

    def __getstate__(self) -> dict[str, Any]:
        """Pickle only what cannot be remade cheaply: no caches, no joined blocks, field labels as text."""
        labels: dict[Any, str] = {}
        return {
            "rec_kind": self.rec_kind,
            "rec_id": self.rec_id,
            "rec_name": self.rec_name,
            "rec_first": self.rec_first,
            "parents": self.parents,
            "e_rec": self.e_rec,
            "e_text": self.e_text,
            "e_src": [self._label(e, labels) for e in range(len(self.e_src))],
            "e_acronym": self.e_acronym,
            "e_norm": self.e_norm,
            "han_ready": self._han_ready,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]
        han_ready = state.pop("han_ready")
        self.__dict__.update(state)
        self._han_ready = han_ready
        self._make_blocks()

    def clear_caches(self) -> None:
        """Forget the per-word scan results (they fill as queries run; for benchmarks)."""
        self._words.clear()
        self._exact_words.clear()

    def _make_blocks(self) -> None:
        norms = self.e_norm
        flags = list(map(str.isascii, norms))
        ids = range(len(norms))
        other = [i for i, f in zip(ids, flags, strict=True) if not f]
        self._blocks = [
            _Block(list(compress(ids, flags)), list(compress(norms, flags))),
            _Block(other, [norms[i] for i in other]),
        ]
        self._words.clear()
        self._exact_words.clear()
        self._vocab = None
        self._acronym_set = None

    def _ensure_han(self) -> None:
        """Fold traditional Chinese and split Han words in the names (first Han query)."""
        if self._han_ready:
            return
        self._han_ready = True
        han = [e for e in self._blocks[1].entries if _has_han(self.e_norm[e])]
        if not han:
            return
        converted = _to_simplified("\n".join(self.e_norm[e] for e in han)).split("\n")
        if len(converted) != len(han):  # pragma: no cover - defensive
            converted = [_to_simplified(self.e_norm[e]) for e in han]
        for e, norm in zip(han, converted, strict=True):
            self.e_norm[e] = _split_han(unicodedata.normalize("NFC", norm))
        self._make_blocks()

    # -- words --------------------------------------------------------------

    def _scan(self, prefix: str) -> dict[str, list[int]]:
        """Words of the index starting with ``prefix`` (itself included) -> entries (cached).

        One pass over the names finds a query word and its completions. When the
        scan is cut short (a very common prefix), only the word itself is kept,
        from an exact scan.
        """
        found = self._words.get(prefix)
        if found is None:
            found = {}
            capped = False
            for block in self._blocks if prefix.isascii() else self._blocks[1:]:
                words, cut = block.words_from(prefix, MAX_SCAN_HITS)
                capped = capped or cut
                for word, entries in words.items():
                    found.setdefault(word, []).extend(entries)
            if capped:
                self._exact_words.pop(prefix, None)
                found = {}
                exact = self._exact_scan(prefix)
                if exact:
                    found[prefix] = exact
            if len(self._words) > 4096:
                self._words.clear()
            self._words[prefix] = found
        return found

    def _exact_scan(self, word: str) -> list[int]:
        found: list[int] = []
        for block in self._blocks if word.isascii() else self._blocks[1:]:
            found.extend(block.with_word(word))
        for short in _ABBREVIATED.get(word, ()):  # names keep "st", "univ": "saint" finds them too
            found.extend(self._exact_scan(short))
        return found

    def _word_entries(self, word: str) -> list[int]:
        """Entries holding ``word`` as a whole word (cached)."""
        found = self._exact_words.get(word)
        if found is None:
            scanned = self._words.get(word)
            found = scanned.get(word, []) if scanned is not None else self._exact_scan(word)
            if len(self._exact_words) > 4096:
                self._exact_words.clear()
            self._exact_words[word] = found
        return found

    def _acronym_words(self) -> frozenset[str]:
        """Words of names typed as acronyms: matched exactly, never through typos."""
        if self._acronym_set is None:
            self._acronym_set = frozenset(" ".join(compress(self.e_norm, self.e_acronym)).split())
        return self._acronym_set

    def _vocabulary(self) -> tuple[list[str], list[str], list[str], str, list[int]]:
        """Words for typo matching, made once: (ASCII, other non-Han, Han, Han joined, starts)."""
        if self._vocab is None:
            words = set(self._blocks[0].text.split()) | set(self._blocks[1].text.split())
            acronyms = self._acronym_words()
            ascii_words: list[str] = []
            other: list[str] = []
            han: list[str] = []
            for w in words:
                if w.isascii():
                    if len(w) >= 4 and w not in acronyms:
                        ascii_words.append(w)
                elif _has_han(w):
                    han.append(w)
                elif len(w) >= 4 and w not in acronyms:
                    other.append(w)
            han.sort()
            joined = "\n" + "\n".join(han) + "\n"
            starts = list(accumulate(map((1).__add__, map(len, han)), initial=1))
            self._vocab = (ascii_words, other, han, joined, starts)
        return self._vocab

    def _acronym_like(self, word: str, entries: list[int]) -> bool:
        """Written in capitals in a name that is not a person's (CQMU, HIFU): exact only."""
        upper = word.upper()
        return any(upper in self.e_text[e] and self.rec_kind[self.e_rec[e]] != "people" for e in entries)

    def _match_han(self, token: str, found: dict[str, _Match]) -> None:
        """Han words containing the query word, contained in it, or one character off."""
        _, _, han, joined, starts = self._vocabulary()
        if len(token) >= 2:
            i = joined.find(token)
            while i != -1:
                k = bisect_right(starts, i) - 1
                word = han[k]
                if word != token:
                    found[word] = (0.9, len(token) / len(word), "prefix", self._word_entries(word))
                i = joined.find(token, starts[k + 1] if k + 1 < len(starts) else len(joined))
        present = set(han) if len(token) > 2 else set()
        for size in range(len(token) - 1, 1, -1):
            for a in range(len(token) - size + 1):
                piece = token[a : a + size]
                if piece in present and piece not in found:
                    found[piece] = (size / len(token), 1.0, "prefix", self._word_entries(piece))
        if len(token) >= 4:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            for word, d, _ in process.extract(token, han, scorer=OSA.distance, score_cutoff=1, limit=None):
                if word != token and word not in found:
                    sim = 1.0 - d / (max(len(word), len(token)) + 1)
                    found[word] = (sim, sim, "fuzzy", self._word_entries(word))

    def _match_word(self, token: str, loose: bool, exact_only: bool) -> dict[str, _Match]:
        """Index words matching one query word: word -> (sim for query, sim for name, how, entries).

        Typos are tried only for a word that no name holds (a real word is taken
        as typed) or, for suggestions, always, with one more edit allowed.
        """
        found: dict[str, _Match] = {}
        scanned = self._scan(token) if len(token) >= 4 and not exact_only else {}
        exact = scanned[token] if token in scanned and token not in _ABBREVIATED else self._word_entries(token)
        if exact:
            found[token] = (1.0, 1.0, "token", exact)
        if exact_only:
            return found
        if _has_han(token):
            self._match_han(token, found)
            return found
        acronyms = self._acronym_words()
        for word, entries in scanned.items():
            if word == token or word in acronyms:
                continue
            ratio = len(token) / len(word)
            found[word] = (0.8 + 0.15 * ratio, ratio, "prefix", entries)
        extra = 1 if loose else 0
        edits = _max_edits(len(token)) + (extra if len(token) >= 4 else 0)
        if edits and (loose or not exact):
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            ascii_vocab, other_vocab, _, _, _ = self._vocabulary()
            vocab = ascii_vocab if token.isascii() else other_vocab
            near = process.extract(token, vocab, scorer=OSA.distance, score_cutoff=edits, limit=MAX_TYPO_WORDS)
            for word, d, _ in near:
                if word == token or d > _max_edits(len(word)) + extra:
                    continue
                sim = 1.0 - d / (max(len(word), len(token)) + 1)
                if sim <= found.get(word, (0.0, 0.0, "", []))[0]:
                    continue
                entries = self._word_entries(word)
                if len(word) <= 6 and self._acronym_like(word, entries):
                    continue
                found[word] = (sim, sim, "fuzzy", entries)
        return found

    # -- searching ----------------------------------------------------------

    def _check_kinds(self, kinds: Iterable[str] | None) -> frozenset[str] | None:
        if kinds is None:
            return None
        wanted = frozenset([kinds] if isinstance(kinds, str) else kinds)
        unknown = wanted - set(KIND_ORDER)
        if unknown:
            raise ValueError(f"unknown kind(s): {', '.join(sorted(unknown))} (use {', '.join(KIND_ORDER)})")
        return wanted

    def _exact_entries(self, qn: str) -> list[int]:
        return self._blocks[0 if qn.isascii() else 1].find_all("\n " + qn + "\n")

    def _idf(self, entries: Iterable[int]) -> float:
        df = len({self.e_rec[e] for e in entries}) or 1
        return math.log(1.0 + (len(self.rec_id) or 1) / df)

    def _scored(self, query: str, kinds: frozenset[str] | None, loose: bool) -> dict[int, _Scored]:
        """record -> (score, entry, match kind, covered) for every record the query reaches.

        ``covered`` is true when every distinctive word of the matched name was
        matched by the query (exact and acronym matches are covered).
        """
        qn = normalize(query)
        if not qn:
            return {}
        if _has_han(qn):
            self._ensure_han()
            qn = _split_han(qn)
        best: dict[int, _Scored] = {}
        e_rec, rec_kind, e_acronym = self.e_rec, self.rec_kind, self.e_acronym

        def offer(r: int, score: float, e: int, how: str, covered: bool) -> None:
            old = best.get(r)
            if old is None or score > old[0]:
                best[r] = (score, e, how, covered)

        for e in self._exact_entries(qn):
            r = e_rec[e]
            if kinds is None or rec_kind[r] in kinds:
                how = "acronym" if e_acronym[e] else "exact"
                offer(r, 100.0 * _field_weight(self._field(e), rec_kind[r]), e, how, True)
        short = len(qn.replace(" ", "")) <= 3 and qn.isascii()
        if short and best:
            return best  # short queries: acronyms (and exact names) first

        function, generic = _word_classes()
        distinct: list[str] = []
        generic_q: set[str] = set()
        for t in qn.split():
            t = ABBREVIATIONS.get(t, t)
            if t in function:
                continue
            if t in generic:
                generic_q.add(t)
            elif len(t) >= 5 and not self._scan(t).get(t) and (g := _near_generic(t, generic)):
                generic_q.add(g)  # "medcal" -> "medical"
            elif t not in distinct:
                distinct.append(t)
        if not distinct:
            return best  # only generic words: exact names only

        acronym_words = self._acronym_words()
        matches = [self._match_word(t, loose, exact_only=short or t in acronym_words) for t in distinct]
        n = len(distinct)
        unknown = math.log(1.0 + (len(self.rec_id) or 1))
        weights: list[float] = []
        counts: list[int] = []
        for t, found in zip(distinct, matches, strict=True):
            counts.append(sum(len(m[3]) for m in found.values()))
            if t in found:
                weights.append(self._idf(found[t][3]))
            elif found:
                top = max(found, key=lambda w: found[w][0])
                weights.append(self._idf(found[top][3]))
            else:
                weights.append(unknown)
        total = sum(weights) + GENERIC_WEIGHT * len(generic_q)
        floor = SUGGEST_CUTOFF if loose else CUTOFF

        # Candidates come from the rarest words: a record holding none of them
        # could not reach the floor anyway.
        generating: list[int] = []
        rest = total
        for i in sorted(range(n), key=counts.__getitem__):
            if not matches[i]:
                rest -= weights[i]
                continue
            if 100.0 * (W_QUERY * rest / total + W_ENTRY + W_FULL) < floor:
                break
            generating.append(i)
            rest -= weights[i]
        pre: dict[int, float] = {}
        e_norm = self.e_norm
        for i in generating:
            w = weights[i] / total
            for sq, se, _, entries in matches[i].values():
                for e in entries:
                    r = e_rec[e]
                    if kinds is not None and rec_kind[r] not in kinds:
                        continue
                    value = w * sq + W_ENTRY * se / (e_norm[e].count(" ") + 1)
                    if value > pre.get(r, 0.0):
                        pre[r] = value
        if not pre:
            return best
        if len(pre) > RESCORE:
            chosen: Iterable[int] = heapq.nlargest(RESCORE, pre, key=pre.__getitem__)
        else:
            chosen = pre

        from rapidfuzz.fuzz import token_sort_ratio

        entry_sim: dict[str, float] = dict.fromkeys(generic_q, 1.0)
        hows: dict[str, str] = {}
        for found in matches:
            for word, (_, se, how, _) in found.items():
                if se > entry_sim.get(word, 0.0):
                    entry_sim[word] = se
                    hows[word] = how
        rec_first = self.rec_first
        for r in chosen:
            top_score, top_e, top_ecov, top_full = -1.0, -1, 0.0, 0.0
            row = [0.0] * n
            gen_found: set[str] = set()
            top_words: set[str] = set()
            for e in range(rec_first[r], rec_first[r + 1]):
                words = {ABBREVIATIONS.get(w, w) for w in e_norm[e].split()}
                sims = [max((found[w][0] for w in words if w in found), default=0.0) for found in matches]
                gen = generic_q & words
                if not any(sims) and not gen:
                    continue
                fw = _field_weight(self._field(e), rec_kind[r])
                wsum = covered = 0.0
                for word in words:
                    if word in function:
                        continue
                    weight = GENERIC_ENTRY_WEIGHT if word in generic else 1.0
                    wsum += weight
                    covered += weight * entry_sim.get(word, 0.0)
                ecov = covered / wsum if wsum else 0.0
                full = token_sort_ratio(qn, e_norm[e]) / 100.0
                qcov = (sum(x * s for x, s in zip(weights, sims, strict=True)) + GENERIC_WEIGHT * len(gen)) / total
                score = fw * (W_QUERY * qcov + W_ENTRY * ecov + W_FULL * full)
                for i, s in enumerate(sims):
                    if s * fw > row[i]:
                        row[i] = s * fw
                gen_found |= gen
                if score > top_score:
                    top_score, top_e, top_ecov, top_full, top_words = score, e, ecov * fw, full * fw, words
            if top_e < 0:
                continue
            q_rec = (sum(x * s for x, s in zip(weights, row, strict=True)) + GENERIC_WEIGHT * len(gen_found)) / total
            score = min(100.0 * (W_QUERY * q_rec + W_ENTRY * top_ecov + W_FULL * top_full), TOKEN_CAP)
            used = {hows.get(w, "token") for w in top_words if w in entry_sim and w not in generic_q}
            how = "prefix" if "prefix" in used else "fuzzy" if "fuzzy" in used else "token"
            covered_all = all(w in entry_sim for w in top_words if w not in function and w not in generic)
            offer(r, score, top_e, how, covered_all)
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
                    field=self._field(e),
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
        no other record shares. Parts of the top partner (records whose ``parent``
        chain leads to it, e.g. its hospital or faculty) are not counted as
        runners-up: "Strassburg" picks the University of Strasbourg. ``candidates`` holds the top hits (up to 5)
        whenever any passed the cutoff; when none did, names that start with the
        query (e.g. "University of") are offered as candidates (match "prefix"),
        and else :meth:`suggest` fills ``suggestions``.
        """
        wanted = self._check_kinds(kinds)
        scored = self._scored(query, wanted, loose=False)
        hits = self._hits(scored, CUTOFF, None)
        if hits:
            top = hits[0]
            # A part of the top partner (its hospital, faculty, lab) does not compete with it.
            rivals = [h for h in hits[1:] if not self._descends(h, top)]
            second = rivals[0] if rivals else None
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
            return Resolution(best=top if clear else None, candidates=hits[:5])
        prefix = self._prefix_hits(query, wanted, limit=5)
        if prefix:
            return Resolution(best=None, candidates=prefix)
        return Resolution(best=None, suggestions=self.suggest(query, kinds))

    def _descends(self, hit: Hit, top: Hit) -> bool:
        """Whether partner ``hit`` is a part (child, grandchild ...) of partner ``top``."""
        if hit.kind != "partners" or top.kind != "partners":
            return False
        where = self._partner_recs
        if where is None:
            where = self._partner_recs = {self.rec_id[r]: r for r in range(len(self.parents))}
        seen: set[str] = set()
        parent = self.parents[where[hit.id]]
        while parent is not None and parent not in seen and parent in where:
            if parent == top.id:
                return True
            seen.add(parent)
            parent = self.parents[where[parent]]
        return False

    def _prefix_hits(self, query: str, kinds: frozenset[str] | None, limit: int) -> list[Hit]:
        """Records with a name starting with the query, scored by how much of it the query is."""
        qn = _fold_prefix(query)
        if len(qn) < 3:
            return []
        if _has_han(qn):
            self._ensure_han()
            qn = _split_han(qn)
        scored: dict[int, _Scored] = {}
        for block in self._blocks if qn.isascii() else self._blocks[1:]:
            for e in block.find_all("\n " + qn):
                r = self.e_rec[e]
                if kinds is None or self.rec_kind[r] in kinds:
                    score = 100.0 * len(qn) / max(len(self.e_norm[e]), 1)
                    if r not in scored or score > scored[r][0]:
                        scored[r] = (score, e, "prefix", False)
        return self._hits(scored, 0.0, limit)

    def complete(
        self, prefix: str, kinds: Sequence[str] | None = ("partners",), limit: int = 50
    ) -> list[tuple[str, str]]:
        """(value, help) pairs for shell completion: ids, then names, starting with the
        prefix, then those containing it. Imports neither rapidfuzz nor (for Latin
        prefixes) OpenCC; names are matched in their normalised form."""
        wanted = self._check_kinds(kinds)
        p = prefix.casefold()
        qn = _fold_prefix(prefix) if prefix else ""
        if qn and _has_han(qn):
            self._ensure_han()
            qn = _split_han(qn)
        out: list[tuple[str, str]] = []
        seen: set[str] = set()

        def push(value: str, help_text: str) -> bool:
            if value not in seen:
                seen.add(value)
                out.append((value, help_text))
            return len(out) >= limit

        def ok(r: int) -> bool:
            return wanted is None or self.rec_kind[r] in wanted

        recs = [r for r, rid in enumerate(self.rec_id) if rid.startswith(p) and ok(r)]
        for r in recs:
            if push(self.rec_id[r], self.rec_name[r]):
                return out
        blocks = self._blocks if qn.isascii() else self._blocks[1:]
        needles = ["\n " + qn, qn] if qn else ["\n "]
        for step, needle in enumerate(needles):
            if step == 1:
                for r, rid in enumerate(self.rec_id):
                    if p in rid and ok(r) and push(rid, self.rec_name[r]):
                        return out
            for block in blocks:
                for e in block.find_all(needle):
                    r = self.e_rec[e]
                    if ok(r) and push(self.e_text[e], self.rec_id[r]):
                        return out
        return out


def _near_generic(token: str, generic: frozenset[str]) -> str | None:
    """The generic word one typo away from ``token`` ("medcal" -> "medical"), if any."""
    for word in generic:
        if abs(len(word) - len(token)) <= 1 and _one_edit(token, word):
            return word
    return None


def _one_edit(a: str, b: str) -> bool:
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
