"""Evaluation set: how people really type names, against the bundled dataset.

Each positive is (query, expected kind, expected id); the top hit must be it for
at least 95% of them. Each negative (names of institutions that are not in the
data, generic words, noise) must return nothing at all. Misses are listed in the
assertion message, so they show without ``-s``.
"""

from __future__ import annotations

import pytest

from cqmu_exchange.loader import load
from cqmu_exchange.search import SearchIndex

P, G, E, H = "partners", "programmes", "events", "people"

POSITIVES: list[tuple[str, str, str]] = [
    # Typos and misspellings
    ("Strassburg", P, "strasbourg"),
    ("Leicster", P, "leicester"),
    ("Pleven Medcal Univ", P, "pleven-mu"),
    ("Plevin", P, "pleven-mu"),
    ("Univ of Manchestr", P, "manchester"),
    ("University of British Colombia", P, "ubc"),
    ("Corbeta", H, "lorenzo-corbetta"),
    ("Giorgia Giovanetti", H, "giorgia-giovannetti"),
    ("Liu Yanbing", H, "liu-yanbin"),
    ("breast reconstruction workshop", G, "breast-reconstruction-workshop"),
    # Other languages and scripts
    ("Universite de Strasbourg", P, "strasbourg"),
    ("Université de Strasbourg", P, "strasbourg"),
    ("Università di Firenze", P, "unifi"),
    ("Universita degli Studi di Firenze", P, "unifi"),
    ("Медицински университет Плевен", P, "pleven-mu"),
    ("Azienda Ospedaliero Universitaria Careggi", P, "careggi"),
    ("Hopitaux universitaires de Strasbourg", P, "hus"),
    ("Erasmus Universiteit Rotterdam", P, "eur"),
    ("Ambassade de France en Chine", P, "france-embassy"),
    # Chinese, simplified and traditional
    ("莱斯特大学", P, "leicester"),
    ("萊斯特大學", P, "leicester"),
    ("斯特拉斯堡大学", P, "strasbourg"),
    ("新加坡國立大學", P, "nus"),
    ("南洋理工大學", P, "ntu"),
    ("普列文医科大学", P, "pleven-mu"),
    ("佛罗伦萨大学", P, "unifi"),
    ("曼彻斯特大学", P, "manchester"),
    ("国家留学基金管理委员会", P, "csc"),
    ("教育部", P, "moe"),
    ("田杰", H, "tian-jie"),
    ("黄爱龙", H, "huang-ailong"),
    # Acronyms
    ("UBC", P, "ubc"),
    ("NUS", P, "nus"),
    ("NTU", P, "ntu"),
    ("UoL", P, "leicester"),
    ("CSC", P, "csc"),
    ("MoE", P, "moe"),
    ("HUS", P, "hus"),
    ("UNIFI", P, "unifi"),
    ("Unistra", P, "strasbourg"),
    ("MU Pleven", P, "pleven-mu"),
    # Partial names
    ("strasbourg university", P, "strasbourg"),
    ("british columbia", P, "ubc"),
    ("Florence uni", P, "unifi"),
    ("Careggi", P, "careggi"),
    ("Careggi hospital", P, "careggi"),
    ("Santa Maria Annunziata", P, "santa-maria-annunziata"),
    ("National Univ of Singapore", P, "nus"),
    ("Nanyang Tech", P, "ntu"),
    ("Manchester", P, "manchester"),
    ("Erasmus Rotterdam", P, "eur"),
    ("China Scholarship Council", P, "csc"),
    ("Ministry of Education", P, "moe"),
    ("IHU Strasbourg", P, "ihu-strasbourg"),
    ("Regenerative Nanomedicine Lab", P, "strasbourg-regen-nanomed-lab"),
    ("catheterization lab", P, "strasbourg-cath-lab"),
    ("British Consulate Chongqing", P, "uk-consulate-chongqing"),
    ("French embassy", P, "france-embassy"),
    ("Chongqing Education Commission", P, "cq-education-commission"),
    ("Exit and Entry Bureau", P, "cq-exit-entry-bureau"),
    # People, in either order and any case
    ("Giovannetti", H, "giorgia-giovannetti"),
    ("Tian Jie", H, "tian-jie"),
    ("TIAN Jie", H, "tian-jie"),
    ("jie tian", H, "tian-jie"),
    ("Thompson Robinson", H, "thompson-robinson"),
    ("Robinson Thompson", H, "thompson-robinson"),
    ("Valerie Schini Kerth", H, "valerie-schini-kerth"),
    ("Schini-Kerth", H, "valerie-schini-kerth"),
    ("Lorenzo Corbetta", H, "lorenzo-corbetta"),
    ("Nadia Benkirane", H, "nadia-benkirane-jessel"),
    ("Pendicheva", H, "diana-pendicheva-duhlenska"),
    ("Canagarajah", H, "nishan-canagarajah"),
    ("Anthony Preston", H, "anthony-preston"),
    ("Huang Ailong", H, "huang-ailong"),
    ("Zhang Guozhi", H, "zhang-guozhi"),
    ("Annunziato", H, "francesco-annunziato"),
    ("Olivier Morel", H, "olivier-morel"),
    ("Christian Debry", H, "christian-debry"),
    # Programmes
    ("joint institute", G, "leicester-joint-institute"),
    ("CQMU-UoL Joint Institute", G, "leicester-joint-institute"),
    ("breast cancer forum", G, "breast-cancer-forum"),
    ("Erasmus+ exchange", G, "pleven-student-exchange"),
    ("Sino-French Medical Exchange", G, "sino-french-medical-exchange"),
    ("medical elites", G, "sino-french-elite-training"),
    ("Sino-French joint training program", G, "sino-french-elite-training"),
    ("oncoplastic surgery workshop", G, "breast-reconstruction-workshop"),
    ("HIFU uterine fibroids", G, "pleven-hifu-study"),
    ("2024 overseas exchange programme", G, "student-overseas-exchange-2024"),
    ("Clinical Medicine undergraduate programme", G, "leicester-clinical-medicine"),
    ("Florence MoU", G, "florence-mou"),
    ("student exchange agreement Pleven", G, "pleven-student-exchange"),
    # Events, by title or place
    ("unveiling ceremony", E, "joint-institute-unveiling-2024"),
    ("briefing meeting", E, "exchange-briefing-2024"),
    ("delegation to Italy and France", E, "italy-france-delegation-2023"),
    ("Corbetta honorary professor", E, "corbetta-honorary-professor-2023"),
    ("French ambassador visit", E, "french-ambassador-visit-2016"),
    ("online meeting Pleven", E, "pleven-online-meeting"),
    ("Jinyun Campus", E, "exchange-briefing-2024"),
    ("Innovation Centre", E, "joint-institute-unveiling-2024"),
    ("Signing of the Florence MoU", E, "florence-mou-signing-2023"),
]

NEGATIVES: list[str] = [
    # Real institutions that are not in the data
    "Harvard University",
    "Sorbonne",
    "Sorbonne Université",
    "Oxford",
    "Cambridge",
    "Tokyo Medical University",
    "MIT",
    "Stanford",
    "Johns Hopkins",
    "Karolinska Institutet",
    "Peking University",
    "Tsinghua",
    "University of Toronto",
    "Universität Wien",
    "Charité Berlin",
    "Heidelberg",
    "Mayo Clinic",
    "Yale",
    "哈佛大学",
    "北京大学",
    # Generic words alone
    "University",
    "hospital",
    "Medical University",
    "the",
    # Noise
    "xyz",
    "UBX",
    "qwertyuiop",
    "asdfgh",
    "1234",
    "London",
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(load(use_cache=False))


def test_eval_set_is_big_enough() -> None:
    assert len(POSITIVES) >= 50 and len(NEGATIVES) >= 8
    assert len({q for q, _, _ in POSITIVES}) == len(POSITIVES)


def test_expected_ids_exist(index: SearchIndex) -> None:
    known = set(zip(index.rec_kind, index.rec_id, strict=True))
    missing = [(kind, rid) for _, kind, rid in POSITIVES if (kind, rid) not in known]
    assert not missing, f"ids no longer in data/partners.toml: {missing}"


def test_top1_accuracy(index: SearchIndex) -> None:
    misses: list[str] = []
    for query, kind, rid in POSITIVES:
        hits = index.search(query, limit=3)
        if not hits or (hits[0].kind, hits[0].id) != (kind, rid):
            got = ", ".join(f"{h.kind}:{h.id} {h.score:.1f} ({h.match} {h.matched!r})" for h in hits) or "nothing"
            misses.append(f"{query!r}: expected {kind}:{rid}, got {got}")
    accuracy = 1 - len(misses) / len(POSITIVES)
    report = f"top-1 accuracy {accuracy:.3f} over {len(POSITIVES)} queries; misses:\n" + "\n".join(misses)
    print(report)
    assert accuracy >= 0.95, report


def test_negatives_find_nothing(index: SearchIndex) -> None:
    wrong = {q: [f"{h.kind}:{h.id} {h.score:.1f} {h.matched!r}" for h in index.search(q)] for q in NEGATIVES}
    wrong = {q: hits for q, hits in wrong.items() if hits}
    assert not wrong, f"{len(wrong)} of {len(NEGATIVES)} negative queries returned results: {wrong}"
