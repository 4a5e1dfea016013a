"""Generate a large, valid, realistic cqmu dataset for benchmarks.

Usage: python bench/generate.py N OUT.toml [--seed S]

Writes N partners plus about N/10 programmes, N/5 events, N/10 people and N/50
sources in the layout of data/partners.toml (``[[kind]]`` blocks, inline-table
arrays one item per line). Partners have several names: an English label, a
native-language label (with its diacritics, or in its own script), a Chinese
label, usually an acronym, and sometimes an ASCII alias, a former name or a
misspelling. Countries are real ISO codes, kinds come from the model's Literal
types, dates are EDTF (years, months, days, qualifiers, intervals, sets) and every
partner, programme and event cites a source by id. A partner "University of
Lyon" (Université de Lyon, 里昂大学) is always present. The output is the same
for the same N and seed; the TOML text is built directly as strings (fast).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

# --------------------------------------------------------------------------- places

# Country: (ISO code, language, English name, English adjective, Chinese name, native adjective for societies,
#           web TLD, cities). City: (English, native, Chinese) or (English, native, Chinese, inflected native form
#           used by some templates: locative, genitive or adjective, depending on the language).
COUNTRIES: list[tuple[str, str, str, str, str, str, str, list[tuple[str, ...]]]] = [
    ("FR", "fr", "France", "French", "法国", "française", "fr", [
        ("Lyon", "Lyon", "里昂"), ("Strasbourg", "Strasbourg", "斯特拉斯堡"),
        ("Montpellier", "Montpellier", "蒙彼利埃"),
        ("Besançon", "Besançon", "贝桑松"), ("Orléans", "Orléans", "奥尔良"), ("Nîmes", "Nîmes", "尼姆"),
        ("Grenoble", "Grenoble", "格勒诺布尔"), ("Nancy", "Nancy", "南锡"), ("Angers", "Angers", "昂热"),
        ("Limoges", "Limoges", "利摩日"), ("Bordeaux", "Bordeaux", "波尔多"), ("Toulouse", "Toulouse", "图卢兹"),
        ("Lille", "Lille", "里尔"), ("Marseille", "Marseille", "马赛"), ("Rennes", "Rennes", "雷恩"),
        ("Saint-Étienne", "Saint-Étienne", "圣艾蒂安"), ("Clermont-Ferrand", "Clermont-Ferrand", "克莱蒙费朗"),
        ("Paris", "Paris", "巴黎"),
    ]),
    ("DE", "de", "Germany", "German", "德国", "Deutsche", "de", [
        ("Munich", "München", "慕尼黑"), ("Cologne", "Köln", "科隆"), ("Düsseldorf", "Düsseldorf", "杜塞尔多夫"),
        ("Tübingen", "Tübingen", "图宾根"), ("Göttingen", "Göttingen", "哥廷根"), ("Würzburg", "Würzburg", "维尔茨堡"),
        ("Lübeck", "Lübeck", "吕贝克"), ("Münster", "Münster", "明斯特"), ("Freiburg", "Freiburg", "弗莱堡"),
        ("Jena", "Jena", "耶拿"), ("Leipzig", "Leipzig", "莱比锡"), ("Heidelberg", "Heidelberg", "海德堡"),
        ("Berlin", "Berlin", "柏林"), ("Hamburg", "Hamburg", "汉堡"), ("Nuremberg", "Nürnberg", "纽伦堡"),
    ]),
    ("IT", "it", "Italy", "Italian", "意大利", "Italiana", "it", [
        ("Florence", "Firenze", "佛罗伦萨"), ("Milan", "Milano", "米兰"), ("Rome", "Roma", "罗马"),
        ("Naples", "Napoli", "那不勒斯"), ("Turin", "Torino", "都灵"), ("Bologna", "Bologna", "博洛尼亚"),
        ("Padua", "Padova", "帕多瓦"), ("Genoa", "Genova", "热那亚"), ("Pisa", "Pisa", "比萨"),
        ("Siena", "Siena", "锡耶纳"), ("Forlì", "Forlì", "弗利"), ("Cagliari", "Cagliari", "卡利亚里"),
    ]),
    ("ES", "es", "Spain", "Spanish", "西班牙", "Española", "es", [
        ("Seville", "Sevilla", "塞维利亚"), ("Córdoba", "Córdoba", "科尔多瓦"), ("Málaga", "Málaga", "马拉加"),
        ("Cádiz", "Cádiz", "加的斯"), ("León", "León", "莱昂"), ("Madrid", "Madrid", "马德里"),
        ("Barcelona", "Barcelona", "巴塞罗那"), ("Valencia", "Valencia", "瓦伦西亚"),
        ("Salamanca", "Salamanca", "萨拉曼卡"), ("Zaragoza", "Zaragoza", "萨拉戈萨"),
        ("Granada", "Granada", "格拉纳达"), ("Logroño", "Logroño", "洛格罗尼奥"),
    ]),
    ("PT", "pt", "Portugal", "Portuguese", "葡萄牙", "Portuguesa", "pt", [
        ("Lisbon", "Lisboa", "里斯本"), ("Porto", "Porto", "波尔图"), ("Coimbra", "Coimbra", "科英布拉"),
        ("Évora", "Évora", "埃武拉"), ("Braga", "Braga", "布拉加"), ("Covilhã", "Covilhã", "科维良"),
    ]),
    ("BR", "pt", "Brazil", "Brazilian", "巴西", "Brasileira", "br", [
        ("São Paulo", "São Paulo", "圣保罗"), ("Brasília", "Brasília", "巴西利亚"), ("Belém", "Belém", "贝伦"),
        ("Goiânia", "Goiânia", "戈亚尼亚"), ("Florianópolis", "Florianópolis", "弗洛里亚诺波利斯"),
        ("Rio de Janeiro", "Rio de Janeiro", "里约热内卢"), ("Ribeirão Preto", "Ribeirão Preto", "里贝朗普雷图"),
    ]),
    ("PL", "pl", "Poland", "Polish", "波兰", "", "pl", [
        ("Kraków", "Kraków", "克拉科夫", "Krakowie"), ("Łódź", "Łódź", "罗兹", "Łodzi"),
        ("Wrocław", "Wrocław", "弗罗茨瓦夫", "Wrocławiu"), ("Gdańsk", "Gdańsk", "格但斯克", "Gdańsku"),
        ("Poznań", "Poznań", "波兹南", "Poznaniu"), ("Warsaw", "Warszawa", "华沙", "Warszawie"),
        ("Lublin", "Lublin", "卢布林", "Lublinie"), ("Białystok", "Białystok", "比亚韦斯托克", "Białymstoku"),
    ]),
    ("CZ", "cs", "Czechia", "Czech", "捷克", "", "cz", [
        ("Prague", "Praha", "布拉格", "Praze"), ("Brno", "Brno", "布尔诺", "Brně"),
        ("Pilsen", "Plzeň", "比尔森", "Plzni"), ("Olomouc", "Olomouc", "奥洛穆茨", "Olomouci"),
        ("Hradec Králové", "Hradec Králové", "赫拉德茨-克拉洛韦", "Hradci Králové"),
    ]),
    ("HU", "hu", "Hungary", "Hungarian", "匈牙利", "", "hu", [
        ("Budapest", "Budapest", "布达佩斯", "Budapesti"), ("Pécs", "Pécs", "佩奇", "Pécsi"),
        ("Szeged", "Szeged", "塞格德", "Szegedi"), ("Debrecen", "Debrecen", "德布勒森", "Debreceni"),
        ("Győr", "Győr", "杰尔", "Győri"),
    ]),
    ("RO", "ro", "Romania", "Romanian", "罗马尼亚", "", "ro", [
        ("Bucharest", "București", "布加勒斯特"), ("Cluj-Napoca", "Cluj-Napoca", "克卢日-纳波卡"),
        ("Iași", "Iași", "雅西"), ("Timișoara", "Timișoara", "蒂米什瓦拉"),
        ("Târgu Mureș", "Târgu Mureș", "特尔古穆列什"), ("Craiova", "Craiova", "克拉约瓦"),
    ]),
    ("BG", "bg", "Bulgaria", "Bulgarian", "保加利亚", "", "bg", [
        ("Sofia", "София", "索非亚"), ("Plovdiv", "Пловдив", "普罗夫迪夫"), ("Varna", "Варна", "瓦尔纳"),
        ("Pleven", "Плевен", "普列文"), ("Stara Zagora", "Стара Загора", "旧扎戈拉"),
    ]),
    ("SE", "sv", "Sweden", "Swedish", "瑞典", "", "se", [
        ("Uppsala", "Uppsala", "乌普萨拉", "Uppsala"), ("Gothenburg", "Göteborg", "哥德堡", "Göteborgs"),
        ("Malmö", "Malmö", "马尔默", "Malmö"), ("Linköping", "Linköping", "林雪平", "Linköpings"),
        ("Umeå", "Umeå", "于默奥", "Umeå"), ("Örebro", "Örebro", "厄勒布鲁", "Örebro"),
        ("Stockholm", "Stockholm", "斯德哥尔摩", "Stockholms"), ("Lund", "Lund", "隆德", "Lunds"),
    ]),
    ("NO", "nb", "Norway", "Norwegian", "挪威", "", "no", [
        ("Oslo", "Oslo", "奥斯陆"), ("Bergen", "Bergen", "卑尔根"), ("Trondheim", "Trondheim", "特隆赫姆"),
        ("Tromsø", "Tromsø", "特罗姆瑟"), ("Stavanger", "Stavanger", "斯塔万格"),
    ]),
    ("DK", "da", "Denmark", "Danish", "丹麦", "", "dk", [
        ("Copenhagen", "København", "哥本哈根", "Københavns"), ("Aarhus", "Aarhus", "奥胡斯", "Aarhus"),
        ("Odense", "Odense", "欧登塞", "Odense"), ("Aalborg", "Aalborg", "奥尔堡", "Aalborg"),
    ]),
    ("FI", "fi", "Finland", "Finnish", "芬兰", "", "fi", [
        ("Helsinki", "Helsinki", "赫尔辛基", "Helsingin"), ("Turku", "Turku", "图尔库", "Turun"),
        ("Tampere", "Tampere", "坦佩雷", "Tampereen"), ("Oulu", "Oulu", "奥卢", "Oulun"),
        ("Jyväskylä", "Jyväskylä", "于韦斯屈莱", "Jyväskylän"), ("Kuopio", "Kuopio", "库奥皮奥", "Kuopion"),
    ]),
    ("NL", "nl", "the Netherlands", "Dutch", "荷兰", "", "nl", [
        ("Leiden", "Leiden", "莱顿"), ("Utrecht", "Utrecht", "乌得勒支"), ("Groningen", "Groningen", "格罗宁根"),
        ("Maastricht", "Maastricht", "马斯特里赫特"), ("Nijmegen", "Nijmegen", "奈梅亨"),
        ("Amsterdam", "Amsterdam", "阿姆斯特丹"), ("Rotterdam", "Rotterdam", "鹿特丹"),
    ]),
    ("BE", "fr", "Belgium", "Belgian", "比利时", "belge", "be", [
        ("Liège", "Liège", "列日"), ("Brussels", "Bruxelles", "布鲁塞尔"), ("Namur", "Namur", "那慕尔"),
        ("Mons", "Mons", "蒙斯"), ("Louvain-la-Neuve", "Louvain-la-Neuve", "新鲁汶"),
    ]),
    ("CH", "de", "Switzerland", "Swiss", "瑞士", "Schweizerische", "ch", [
        ("Zurich", "Zürich", "苏黎世"), ("Basel", "Basel", "巴塞尔"), ("Bern", "Bern", "伯尔尼"),
        ("Lucerne", "Luzern", "卢塞恩"), ("St. Gallen", "St. Gallen", "圣加仑"),
    ]),
    ("AT", "de", "Austria", "Austrian", "奥地利", "Österreichische", "at", [
        ("Vienna", "Wien", "维也纳"), ("Graz", "Graz", "格拉茨"), ("Innsbruck", "Innsbruck", "因斯布鲁克"),
        ("Salzburg", "Salzburg", "萨尔茨堡"), ("Linz", "Linz", "林茨"),
    ]),
    ("TR", "tr", "Türkiye", "Turkish", "土耳其", "", "edu.tr", [
        ("Istanbul", "İstanbul", "伊斯坦布尔"), ("Ankara", "Ankara", "安卡拉"), ("Izmir", "İzmir", "伊兹密尔"),
        ("Eskişehir", "Eskişehir", "埃斯基谢希尔"), ("Çanakkale", "Çanakkale", "恰纳卡莱"),
        ("Konya", "Konya", "科尼亚"),
    ]),
    ("VN", "vi", "Vietnam", "Vietnamese", "越南", "", "edu.vn", [
        ("Hanoi", "Hà Nội", "河内"), ("Ho Chi Minh City", "Thành phố Hồ Chí Minh", "胡志明市"), ("Hue", "Huế", "顺化"),
        ("Da Nang", "Đà Nẵng", "岘港"), ("Can Tho", "Cần Thơ", "芹苴"), ("Hai Phong", "Hải Phòng", "海防"),
    ]),
    ("HR", "hr", "Croatia", "Croatian", "克罗地亚", "", "hr", [
        ("Zagreb", "Zagreb", "萨格勒布", "Zagrebu"), ("Rijeka", "Rijeka", "里耶卡", "Rijeci"),
        ("Split", "Split", "斯普利特", "Splitu"), ("Osijek", "Osijek", "奥西耶克", "Osijeku"),
    ]),
    ("MX", "es", "Mexico", "Mexican", "墨西哥", "Mexicana", "mx", [
        ("Mexico City", "Ciudad de México", "墨西哥城"), ("Querétaro", "Querétaro", "克雷塔罗"),
        ("Mérida", "Mérida", "梅里达"), ("Monterrey", "Monterrey", "蒙特雷"),
        ("Guadalajara", "Guadalajara", "瓜达拉哈拉"),
        ("San Luis Potosí", "San Luis Potosí", "圣路易斯波托西"),
    ]),
    ("AR", "es", "Argentina", "Argentine", "阿根廷", "Argentina", "ar", [
        ("Buenos Aires", "Buenos Aires", "布宜诺斯艾利斯"), ("Rosario", "Rosario", "罗萨里奥"),
        ("Mendoza", "Mendoza", "门多萨"), ("Tucumán", "Tucumán", "图库曼"), ("La Plata", "La Plata", "拉普拉塔"),
    ]),
    ("CL", "es", "Chile", "Chilean", "智利", "Chilena", "cl", [
        ("Santiago", "Santiago", "圣地亚哥"), ("Valparaíso", "Valparaíso", "瓦尔帕莱索"),
        ("Concepción", "Concepción", "康塞普西翁"), ("Temuco", "Temuco", "特木科"),
    ]),
    ("JP", "ja", "Japan", "Japanese", "日本", "", "ac.jp", [
        ("Tokyo", "東京", "东京"), ("Osaka", "大阪", "大阪"), ("Kyoto", "京都", "京都"), ("Nagoya", "名古屋", "名古屋"),
        ("Sapporo", "札幌", "札幌"), ("Fukuoka", "福岡", "福冈"), ("Sendai", "仙台", "仙台"),
        ("Hiroshima", "広島", "广岛"),
    ]),
    ("KR", "ko", "South Korea", "Korean", "韩国", "", "ac.kr", [
        ("Seoul", "서울", "首尔"), ("Busan", "부산", "釜山"), ("Daegu", "대구", "大邱"), ("Incheon", "인천", "仁川"),
        ("Gwangju", "광주", "光州"), ("Daejeon", "대전", "大田"),
    ]),
    ("RU", "ru", "Russia", "Russian", "俄罗斯", "", "ru", [
        ("Moscow", "Москва", "莫斯科", "Московский"),
        ("Saint Petersburg", "Санкт-Петербург", "圣彼得堡", "Санкт-Петербургский"),
        ("Kazan", "Казань", "喀山", "Казанский"), ("Novosibirsk", "Новосибирск", "新西伯利亚", "Новосибирский"),
        ("Tomsk", "Томск", "托木斯克", "Томский"),
    ]),
    ("GB", "en", "the United Kingdom", "British", "英国", "", "ac.uk", [
        ("London", "London", "伦敦"), ("Manchester", "Manchester", "曼彻斯特"), ("Leicester", "Leicester", "莱斯特"),
        ("Birmingham", "Birmingham", "伯明翰"), ("Leeds", "Leeds", "利兹"), ("Liverpool", "Liverpool", "利物浦"),
        ("Edinburgh", "Edinburgh", "爱丁堡"), ("Glasgow", "Glasgow", "格拉斯哥"), ("Cardiff", "Cardiff", "加的夫"),
        ("Nottingham", "Nottingham", "诺丁汉"), ("Sheffield", "Sheffield", "谢菲尔德"),
        ("Bristol", "Bristol", "布里斯托"),
        ("Newcastle", "Newcastle", "纽卡斯尔"), ("Southampton", "Southampton", "南安普顿"),
    ]),
    ("US", "en", "the United States", "American", "美国", "", "edu", [
        ("Boston", "Boston", "波士顿"), ("Pittsburgh", "Pittsburgh", "匹兹堡"), ("Houston", "Houston", "休斯敦"),
        ("Chicago", "Chicago", "芝加哥"), ("Seattle", "Seattle", "西雅图"), ("Cleveland", "Cleveland", "克利夫兰"),
        ("Rochester", "Rochester", "罗切斯特"), ("Baltimore", "Baltimore", "巴尔的摩"),
        ("Nashville", "Nashville", "纳什维尔"),
        ("Denver", "Denver", "丹佛"), ("Atlanta", "Atlanta", "亚特兰大"), ("San Francisco", "San Francisco", "旧金山"),
        ("Philadelphia", "Philadelphia", "费城"),
    ]),
    ("AU", "en", "Australia", "Australian", "澳大利亚", "", "edu.au", [
        ("Sydney", "Sydney", "悉尼"), ("Melbourne", "Melbourne", "墨尔本"), ("Brisbane", "Brisbane", "布里斯班"),
        ("Adelaide", "Adelaide", "阿德莱德"), ("Perth", "Perth", "珀斯"),
    ]),
    ("CA", "en", "Canada", "Canadian", "加拿大", "", "ca", [
        ("Toronto", "Toronto", "多伦多"), ("Vancouver", "Vancouver", "温哥华"), ("Montreal", "Montreal", "蒙特利尔"),
        ("Calgary", "Calgary", "卡尔加里"), ("Ottawa", "Ottawa", "渥太华"), ("Edmonton", "Edmonton", "埃德蒙顿"),
    ]),
    ("IE", "en", "Ireland", "Irish", "爱尔兰", "", "ie", [
        ("Dublin", "Dublin", "都柏林"), ("Cork", "Cork", "科克"), ("Galway", "Galway", "戈尔韦"),
        ("Limerick", "Limerick", "利默里克"),
    ]),
    ("SG", "en", "Singapore", "Singaporean", "新加坡", "", "edu.sg", [("Singapore", "Singapore", "新加坡")]),
    ("NZ", "en", "New Zealand", "New Zealand", "新西兰", "", "ac.nz", [
        ("Auckland", "Auckland", "奥克兰"), ("Dunedin", "Dunedin", "达尼丁"), ("Wellington", "Wellington", "惠灵顿"),
        ("Christchurch", "Christchurch", "基督城"),
    ]),
]  # fmt: skip

# Native templates of the five base institutions: {c} the native city name, {f} its inflected form, {dc} French
# "de Lyon" / "d'Orléans".
NATIVE_BASES: dict[str, dict[str, str]] = {
    "fr": {
        "university": "Université {dc}",
        "medical": "Université de médecine {dc}",
        "hospital": "Centre hospitalier universitaire {dc}",
        "faculty": "Faculté de médecine {dc}",
        "institute": "Institut de recherche médicale {dc}",
    },
    "de": {
        "university": "Universität {c}",
        "medical": "Medizinische Hochschule {c}",
        "hospital": "Universitätsklinikum {c}",
        "faculty": "Medizinische Fakultät der Universität {c}",
        "institute": "Institut für medizinische Forschung {c}",
    },
    "it": {
        "university": "Università degli Studi di {c}",
        "medical": "Università di Medicina di {c}",
        "hospital": "Azienda Ospedaliero-Universitaria di {c}",
        "faculty": "Scuola di Medicina, Università di {c}",
        "institute": "Istituto di Ricerca Medica di {c}",
    },
    "es": {
        "university": "Universidad de {c}",
        "medical": "Universidad de Ciencias Médicas de {c}",
        "hospital": "Hospital Universitario de {c}",
        "faculty": "Facultad de Medicina de {c}",
        "institute": "Instituto de Investigación Médica de {c}",
    },
    "pt": {
        "university": "Universidade de {c}",
        "medical": "Universidade de Ciências Médicas de {c}",
        "hospital": "Hospital Universitário de {c}",
        "faculty": "Faculdade de Medicina de {c}",
        "institute": "Instituto de Pesquisa Médica de {c}",
    },
    "pl": {
        "university": "Uniwersytet w {f}",
        "medical": "Uniwersytet Medyczny w {f}",
        "hospital": "Szpital Uniwersytecki w {f}",
        "faculty": "Wydział Lekarski, Uniwersytet Medyczny w {f}",
        "institute": "Instytut Badań Medycznych w {f}",
    },
    "cs": {
        "university": "Univerzita v {f}",
        "medical": "Lékařská univerzita v {f}",
        "hospital": "Fakultní nemocnice {c}",
        "faculty": "Lékařská fakulta v {f}",
        "institute": "Ústav lékařského výzkumu v {f}",
    },
    "hu": {
        "university": "{f} Tudományegyetem",
        "medical": "{f} Orvostudományi Egyetem",
        "hospital": "{f} Egyetemi Klinikai Központ",
        "faculty": "{f} Tudományegyetem Általános Orvostudományi Kar",
        "institute": "{f} Orvosi Kutatóintézet",
    },
    "ro": {
        "university": "Universitatea din {c}",
        "medical": "Universitatea de Medicină și Farmacie din {c}",
        "hospital": "Spitalul Clinic Județean de Urgență {c}",
        "faculty": "Facultatea de Medicină din {c}",
        "institute": "Institutul de Cercetări Medicale din {c}",
    },
    "bg": {
        "university": "Университет – {c}",
        "medical": "Медицински университет – {c}",
        "hospital": "Университетска болница – {c}",
        "faculty": "Медицински факултет – {c}",
        "institute": "Институт за медицински изследвания – {c}",
    },
    "sv": {
        "university": "{f} universitet",
        "medical": "Medicinska högskolan i {c}",
        "hospital": "Universitetssjukhuset i {c}",
        "faculty": "Medicinska fakulteten vid {f} universitet",
        "institute": "Institutet för medicinsk forskning i {c}",
    },
    "nb": {
        "university": "Universitetet i {c}",
        "medical": "Medisinske høgskolen i {c}",
        "hospital": "Universitetssykehuset i {c}",
        "faculty": "Det medisinske fakultet, Universitetet i {c}",
        "institute": "Institutt for medisinsk forskning i {c}",
    },
    "da": {
        "university": "{f} Universitet",
        "medical": "Medicinsk Højskole {c}",
        "hospital": "{c} Universitetshospital",
        "faculty": "Det Sundhedsvidenskabelige Fakultet, {f} Universitet",
        "institute": "Institut for Medicinsk Forskning, {c}",
    },
    "fi": {
        "university": "{f} yliopisto",
        "medical": "{f} lääketieteellinen korkeakoulu",
        "hospital": "{f} yliopistollinen sairaala",
        "faculty": "Lääketieteellinen tiedekunta, {f} yliopisto",
        "institute": "{f} lääketieteellinen tutkimuslaitos",
    },
    "nl": {
        "university": "Universiteit {c}",
        "medical": "Medische Hogeschool {c}",
        "hospital": "Universitair Medisch Centrum {c}",
        "faculty": "Faculteit der Geneeskunde, Universiteit {c}",
        "institute": "Instituut voor Medisch Onderzoek {c}",
    },
    "tr": {
        "university": "{c} Üniversitesi",
        "medical": "{c} Tıp Üniversitesi",
        "hospital": "{c} Üniversitesi Hastanesi",
        "faculty": "{c} Üniversitesi Tıp Fakültesi",
        "institute": "{c} Tıbbi Araştırma Enstitüsü",
    },
    "vi": {
        "university": "Đại học {c}",
        "medical": "Trường Đại học Y {c}",
        "hospital": "Bệnh viện Đại học Y {c}",
        "faculty": "Khoa Y, Đại học {c}",
        "institute": "Viện Nghiên cứu Y học {c}",
    },
    "hr": {
        "university": "Sveučilište u {f}",
        "medical": "Medicinsko sveučilište u {f}",
        "hospital": "Klinički bolnički centar {c}",
        "faculty": "Medicinski fakultet Sveučilišta u {f}",
        "institute": "Institut za medicinska istraživanja u {f}",
    },
    "ja": {
        "university": "{c}大学",
        "medical": "{c}医科大学",
        "hospital": "{c}大学病院",
        "faculty": "{c}大学医学部",
        "institute": "{c}医学研究所",
    },
    "ko": {
        "university": "{c}대학교",
        "medical": "{c}의과대학교",
        "hospital": "{c}대학교병원",
        "faculty": "{c}대학교 의과대학",
        "institute": "{c}의학연구소",
    },
    "ru": {
        "university": "{f} государственный университет",
        "medical": "{f} государственный медицинский университет",
        "hospital": "Университетская клиника, {c}",
        "faculty": "Медицинский факультет, {f} государственный университет",
        "institute": "{f} институт медицинских исследований",
    },
}

# English and Chinese templates of the base institutions, and their model kind.
BASES: dict[str, tuple[str, str, str]] = {
    "university": ("University of {c}", "{z}大学", "university"),
    "medical": ("{c} Medical University", "{z}医科大学", "university"),
    "hospital": ("{c} University Hospital", "{z}大学附属医院", "hospital"),
    "faculty": ("Faculty of Medicine, University of {c}", "{z}大学医学院", "faculty"),
    "institute": ("{c} Institute of Medical Research", "{z}医学研究所", "research_institute"),
}

# Fields: English, Chinese, then French, German, Italian, Spanish, Portuguese (for native department names).
FIELDS: list[tuple[str, ...]] = [
    ("Cardiology", "心血管内科", "cardiologie", "Kardiologie", "Cardiologia", "Cardiología", "Cardiologia"),
    ("Oncology", "肿瘤学", "oncologie", "Onkologie", "Oncologia", "Oncología", "Oncologia"),
    ("Neurology", "神经病学", "neurologie", "Neurologie", "Neurologia", "Neurología", "Neurologia"),
    ("Paediatrics", "儿科学", "pédiatrie", "Kinder- und Jugendmedizin", "Pediatria", "Pediatría", "Pediatria"),
    ("Respiratory Medicine", "呼吸与危重症医学", "pneumologie", "Pneumologie", "Pneumologia", "Neumología",
     "Pneumologia"),
    ("Infectious Diseases", "感染病学", "maladies infectieuses", "Infektiologie", "Malattie Infettive",
     "Enfermedades Infecciosas", "Doenças Infecciosas"),
    ("Public Health", "公共卫生", "santé publique", "Öffentliche Gesundheit", "Sanità Pubblica", "Salud Pública",
     "Saúde Pública"),
    ("Pharmacology", "药理学", "pharmacologie", "Pharmakologie", "Farmacologia", "Farmacología", "Farmacologia"),
    ("Immunology", "免疫学", "immunologie", "Immunologie", "Immunologia", "Inmunología", "Imunologia"),
    ("Radiology", "放射学", "radiologie", "Radiologie", "Radiologia", "Radiología", "Radiologia"),
    ("Anaesthesiology", "麻醉学", "anesthésiologie", "Anästhesiologie", "Anestesiologia", "Anestesiología",
     "Anestesiologia"),
    ("Ophthalmology", "眼科学", "ophtalmologie", "Augenheilkunde", "Oftalmologia", "Oftalmología", "Oftalmologia"),
    ("Dermatology", "皮肤病学", "dermatologie", "Dermatologie", "Dermatologia", "Dermatología", "Dermatologia"),
    ("Psychiatry", "精神病学", "psychiatrie", "Psychiatrie", "Psichiatria", "Psiquiatría", "Psiquiatria"),
    ("Nursing", "护理学", "soins infirmiers", "Pflegewissenschaft", "Scienze Infermieristiche", "Enfermería",
     "Enfermagem"),
    ("Stomatology", "口腔医学", "stomatologie", "Zahn-, Mund- und Kieferheilkunde", "Odontoiatria", "Estomatología",
     "Estomatologia"),
    ("Obstetrics and Gynaecology", "妇产科学", "gynécologie-obstétrique", "Frauenheilkunde und Geburtshilfe",
     "Ostetricia e Ginecologia", "Obstetricia y Ginecología", "Obstetrícia e Ginecologia"),
    ("Urology", "泌尿外科学", "urologie", "Urologie", "Urologia", "Urología", "Urologia"),
    ("Nephrology", "肾脏病学", "néphrologie", "Nephrologie", "Nefrologia", "Nefrología", "Nefrologia"),
    ("Endocrinology", "内分泌学", "endocrinologie", "Endokrinologie", "Endocrinologia", "Endocrinología",
     "Endocrinologia"),
    ("Hepatology", "肝病学", "hépatologie", "Hepatologie", "Epatologia", "Hepatología", "Hepatologia"),
    ("Gastroenterology", "消化病学", "gastro-entérologie", "Gastroenterologie", "Gastroenterologia",
     "Gastroenterología", "Gastroenterologia"),
    ("Orthopaedics", "骨科学", "orthopédie", "Orthopädie", "Ortopedia", "Ortopedia", "Ortopedia"),
    ("Emergency Medicine", "急诊医学", "médecine d'urgence", "Notfallmedizin", "Medicina d'Urgenza",
     "Medicina de Urgencias", "Medicina de Emergência"),
    ("Medical Imaging", "医学影像学", "imagerie médicale", "Medizinische Bildgebung", "Diagnostica per Immagini",
     "Diagnóstico por Imagen", "Imagiologia Médica"),
    ("Genetics", "遗传学", "génétique", "Genetik", "Genetica", "Genética", "Genética"),
    ("Biochemistry", "生物化学", "biochimie", "Biochemie", "Biochimica", "Bioquímica", "Bioquímica"),
    ("Microbiology", "微生物学", "microbiologie", "Mikrobiologie", "Microbiologia", "Microbiología", "Microbiologia"),
    ("Pathology", "病理学", "anatomie pathologique", "Pathologie", "Anatomia Patologica", "Anatomía Patológica",
     "Anatomia Patológica"),
    ("Epidemiology", "流行病学", "épidémiologie", "Epidemiologie", "Epidemiologia", "Epidemiología", "Epidemiologia"),
    ("Rehabilitation Medicine", "康复医学", "médecine physique et de réadaptation",
     "Physikalische und Rehabilitative Medizin", "Medicina Riabilitativa", "Medicina de Rehabilitación",
     "Medicina de Reabilitação"),
    ("Geriatrics", "老年医学", "gériatrie", "Geriatrie", "Geriatria", "Geriatría", "Geriatria"),
    ("Haematology", "血液学", "hématologie", "Hämatologie", "Ematologia", "Hematología", "Hematologia"),
    ("Ultrasound Medicine", "超声医学", "échographie", "Ultraschallmedizin", "Ecografia", "Ecografía", "Ecografia"),
    ("Laboratory Medicine", "检验医学", "biologie médicale", "Laboratoriumsmedizin", "Medicina di Laboratorio",
     "Medicina de Laboratorio", "Medicina Laboratorial"),
    ("Neonatology", "新生儿学", "néonatologie", "Neonatologie", "Neonatologia", "Neonatología", "Neonatologia"),
]  # fmt: skip
FIELD_LANGS = {"fr": 2, "de": 3, "it": 4, "es": 5, "pt": 6}
NATIVE_DEPARTMENT = {
    "fr": "Service de {f}, {b}",
    "de": "Klinik für {f}, {b}",
    "it": "Dipartimento di {f}, {b}",
    "es": "Departamento de {f}, {b}",
    "pt": "Departamento de {f}, {b}",
}
NATIVE_LABORATORY = {
    "fr": "Laboratoire de {f}, {b}",
    "de": "Labor für {f}, {b}",
    "it": "Laboratorio di {f}, {b}",
    "es": "Laboratorio de {f}, {b}",
    "pt": "Laboratório de {f}, {b}",
}
NATIVE_SOCIETY = {
    "fr": "Société {a} de {f}",
    "de": "{a} Gesellschaft für {f}",
    "it": "Società {a} di {f}",
    "es": "Sociedad {a} de {f}",
    "pt": "Sociedade {a} de {f}",
}
SAINTS = [
    ("St. Mary's", "圣玛丽"), ("St. Joseph's", "圣约瑟夫"), ("Holy Cross", "圣十字"), ("Sacred Heart", "圣心"),
    ("St. Luke's", "圣路加"), ("St. Anne's", "圣安妮"), ("Good Samaritan", "好撒玛利亚人"), ("Mercy", "慈爱"),
    ("Children's", "儿童"), ("Women's", "妇女"), ("St. Vincent's", "圣文森特"), ("Royal", "皇家"),
]  # fmt: skip

CQMU_UNITS = [
    "First Affiliated Hospital", "Second Affiliated Hospital", "Children's Hospital", "Stomatological Hospital",
    "School of Basic Medical Sciences", "School of Public Health", "School of Pharmacy", "School of Nursing",
    "International School", "Foreign Affairs Office", "Graduate School", "College of Stomatology",
]  # fmt: skip
CQMU = "Chongqing Medical University"

# People: (first names, family names) by language; Chinese names are (pinyin, characters).
NAMES: dict[str, tuple[list[str], list[str]]] = {
    "fr": (["Hélène", "François", "Amélie", "Jérôme", "Cécile", "Stéphane", "Élodie", "Benoît", "Loïc", "Gaëlle"],
           ["Lefèvre", "Dubois", "Béranger", "Mercier", "Girard", "Fournier", "Gauthier", "Rivière", "Lemaître"]),
    "de": (["Jürgen", "Jörg", "Sören", "Björn", "Käthe", "Ursula", "Matthias", "Günther", "Anna", "Lena"],
           ["Müller", "Schäfer", "Köhler", "Weiß", "Groß", "Böhm", "Krüger", "Hoffmann", "Jäger", "Vogel"]),
    "it": (["Giorgia", "Niccolò", "Francesco", "Lorenzo", "Chiara", "Giulia", "Matteo", "Raffaele", "Federica"],
           ["Annunziato", "Corbetta", "Giovannetti", "Rossi", "Bianchi", "D'Angelo", "Esposito", "Colombo", "Ricci"]),
    "es": (["José", "María", "Ángel", "Begoña", "Iñaki", "Sofía", "Andrés", "Lucía", "Raúl", "Inés"],
           ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Díaz", "Muñoz", "Álvarez"]),
    "pt": (["João", "Conceição", "Antônio", "Luís", "Inês", "Gonçalo", "Sebastião", "Ana", "Tomás", "Beatriz"],
           ["Gonçalves", "Magalhães", "Araújo", "Simões", "Brandão", "Falcão", "Lourenço", "Pereira"]),
    "pl": (["Łukasz", "Wojciech", "Małgorzata", "Agnieszka", "Paweł", "Krzysztof", "Zofia", "Jędrzej"],
           ["Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Dąbrowski"]),
    "cs": (["Jiří", "Tomáš", "Petr", "Lucie", "Kateřina", "Zdeněk"],
           ["Novák", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý"]),
    "hu": (["László", "Zoltán", "Katalin", "Erzsébet", "Gábor", "Ildikó"],
           ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga"]),
    "ro": (["Ștefan", "Ioana", "Andrei", "Mădălina", "Răzvan", "Bianca"],
           ["Popescu", "Ionescu", "Rădulescu", "Stănescu", "Dumitrescu", "Mureșan"]),
    "bg": (["Dobromir", "Georgi", "Maria", "Nikolay", "Ivanka", "Petar"],
           ["Dimitrov", "Ivanov", "Petrova", "Georgiev", "Todorova", "Stoyanov"]),
    "sv": (["Björn", "Åsa", "Märta", "Lars", "Sören", "Ingrid"],
           ["Johansson", "Åberg", "Öberg", "Lindström", "Söderberg", "Ekström"]),
    "nb": (["Øystein", "Bjørn", "Kjersti", "Ingrid", "Håkon", "Solveig"],
           ["Hansen", "Bjørnstad", "Løvås", "Johansen", "Sæther", "Haugen"]),
    "da": (["Søren", "Jørgen", "Mette", "Anne", "Rasmus", "Birgitte"],
           ["Jensen", "Nielsen", "Sørensen", "Møller", "Kjær", "Thomsen"]),
    "fi": (["Päivi", "Mikko", "Sini", "Jussi", "Tuulikki", "Väinö"],
           ["Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Järvinen", "Lehtonen"]),
    "nl": (["Jan", "Pieter", "Anouk", "Sanne", "Bram", "Eline"],
           ["de Vries", "van Dijk", "Bakker", "Jansen", "Visser", "Smit"]),
    "tr": (["Çağlar", "Gökhan", "Şule", "Özlem", "İbrahim", "Ayşe"],
           ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"]),
    "vi": (["Minh", "Lan", "Hùng", "Thảo", "Dũng", "Hương"], ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"]),
    "hr": (["Ivana", "Marko", "Željko", "Snježana", "Tomislav", "Mirela"],
           ["Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak"]),
    "ja": (["Hiroshi", "Yuki", "Takeshi", "Akiko", "Kenji", "Naoko"],
           ["Satō", "Suzuki", "Takahashi", "Tanaka", "Itō", "Watanabe"]),
    "ko": (["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Dong-hyun", "Soo-jin"],
           ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]),
    "ru": (["Sergey", "Olga", "Dmitry", "Natalia", "Alexei", "Irina"],
           ["Ivanov", "Smirnova", "Kuznetsov", "Popova", "Sokolov", "Volkova"]),
    "en": (["Sarah", "James", "Emily", "Michael", "Olivia", "David", "Sophie", "Thomas"],
           ["Smith", "Brown", "Wilson", "Taylor", "Clarke", "Walker", "Hughes", "O'Brien"]),
}  # fmt: skip
ZH_FAMILY = [("Tian", "田"), ("Huang", "黄"), ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"),
             ("Chen", "陈"), ("Yang", "杨"), ("Zhao", "赵"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"),
             ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"),
             ("Luo", "罗"), ("Feng", "冯"), ("Qin", "秦"), ("Deng", "邓")]  # fmt: skip
ZH_GIVEN = [("Jie", "杰"), ("Ailong", "爱龙"), ("Zhengjie", "正杰"), ("Yuelin", "悦林"), ("Zhu", "竹"),
            ("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Lei", "磊"), ("Yan", "燕"),
            ("Qiang", "强"), ("Hui", "慧"), ("Ping", "平"), ("Xiaoming", "晓明"), ("Lihua", "丽华"),
            ("Jianguo", "建国"), ("Yun", "云"), ("Bo", "波"), ("Ning", "宁")]  # fmt: skip
CQMU_TITLES = ["President", "Vice President", "Secretary of the Party Committee",
               "Director of the Foreign Affairs Office", "Dean of the International School",
               "Dean of the Graduate School", "President of the First Affiliated Hospital", "Professor of {F}",
               "Head of the Department of {F}"]  # fmt: skip
PARTNER_TITLES = ["President", "Vice President", "Rector", "Vice-Rector for International Relations", "Dean",
                  "Dean of the Faculty of Medicine", "Director of International Relations", "Professor of {F}",
                  "Head of the Department of {F}", "General Director", "Honorary Professor of CQMU"]  # fmt: skip
OFFICIAL_TITLES = ["Minister of Health", "Ambassador to China", "Consul General in Chongqing", "Counsellor for "
                   "Education", "Director of the Programme"]  # fmt: skip

PROGRAMME_KINDS = [
    "joint_institute", "joint_degree", "joint_training", "student_exchange", "clinical_internship",
    "research_collaboration", "forum_series", "workshop_series", "mou", "cooperation_agreement",
    "academic_exchange", "other",
]  # fmt: skip
EVENT_KINDS = [
    "visit", "signing", "meeting", "ceremony", "approval", "appointment", "forum", "application", "briefing",
    "milestone", "enrolment", "other",
]  # fmt: skip
LEVELS = ["undergraduate", "master", "phd", "postgraduate", "visiting_scholar", "faculty"]
# Kinds of partner record, with weights.
SHAPES = [
    ("base", 15), ("department", 30), ("laboratory", 22), ("centre", 8), ("hospital", 7), ("association", 6),
    ("government", 2), ("funder", 3), ("diplomatic", 2), ("network", 2), ("other", 3),
]  # fmt: skip

STOP = {"of", "de", "di", "du", "des", "la", "le", "der", "für", "the", "and", "i", "u", "w", "v", "y", "e", "et",
        "degli", "studi", "del", "della", "da", "do", "dos", "das", "för", "vid", "in", "at", "en", "din",
        "za"}  # fmt: skip
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe",
                       "ı": "i", "’": "'"})  # fmt: skip
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def fold(text: str) -> str:
    """ASCII-folded text (diacritics dropped; non-Latin scripts vanish)."""
    return unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode("ascii")


def slug(text: str, limit: int = 64) -> str:
    base = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(base) > limit:
        base = base[:limit].rsplit("-", 1)[0]
    return base or "x"


def acronym(text: str) -> str:
    """Initials of the significant words ("Université de Lyon" -> "UL")."""
    words = [w for w in _WORD.findall(text.replace("-", " ")) if w.lower() not in STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def typo(rng: random.Random, text: str) -> str | None:
    """A plausible misspelling: two neighbouring letters swapped inside a long word."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    if word[j] == word[j + 1]:
        return None
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def q(text: str) -> str:
    """A TOML basic string."""
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text + '"'


def q_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


def inline(pairs: Sequence[tuple[str, object]]) -> str:
    parts = []
    for key, value in pairs:
        if value is None:
            continue
        parts.append(f"{key} = {q(value) if isinstance(value, str) else value}")
    return "{ " + ", ".join(parts) + " }"


# --------------------------------------------------------------------------- dates

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _day(rng: random.Random, lo: int, hi: int) -> dt.date:
    year = rng.randint(lo, hi)
    month = rng.randint(1, 12)
    last = 29 if month == 2 and year % 4 == 0 and (year % 100 or year % 400 == 0) else _MONTH_DAYS[month - 1]
    return dt.date(year, month, rng.randint(1, last))


def edtf(rng: random.Random, lo: int, hi: int, mix: Sequence[tuple[str, float]]) -> str:
    """An EDTF date string of a form drawn from ``mix`` (weights of year/month/day/qualified/interval/...)."""
    form = rng.choices([m for m, _ in mix], [w for _, w in mix])[0]
    day = _day(rng, lo, hi)
    if form == "year":
        return f"{day.year:04d}"
    if form == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if form == "day":
        return day.isoformat()
    if form == "qualified":
        return f"{day.year:04d}" + rng.choice("?~%")
    end = day + dt.timedelta(days=rng.randint(1, 12))
    if form == "interval":
        return f"{day.isoformat()}/{end.isoformat()}"
    if form == "one_of":
        return f"[{day.isoformat()}..{end.isoformat()}]"
    if form == "all_of":
        return f"{{{day.isoformat()},{end.isoformat()}}}"
    if form == "open":
        return f"{day.year:04d}/.."
    raise ValueError(form)


SINCE_MIX = [("year", 40), ("month", 25), ("day", 20), ("qualified", 10), ("open", 5)]
EVENT_MIX = [("day", 40), ("month", 20), ("year", 15), ("interval", 10), ("one_of", 10), ("all_of", 5)]
START_MIX = [("year", 50), ("month", 30), ("day", 15), ("one_of", 5)]
SOURCE_MIX = [("day", 70), ("month", 20), ("interval", 10)]


# --------------------------------------------------------------------------- records


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.ids: set[str] = set()
        self.used_names: set[str] = {"University of Lyon"}
        self.partners: list[dict[str, object]] = []
        self.bases: list[dict[str, object]] = []  # base institutions that departments and labs hang under
        self.funders: list[str] = []
        self.authorities: list[str] = []
        self.n_sources = max(1, round(n / 50))
        self.source_ids = [f"src-{i + 1:05d}" for i in range(self.n_sources)]
        self.cities = [(country, city) for country in COUNTRIES for city in country[7]]
        self.lyon = next(c for c in self.cities if c[1][0] == "Lyon")
        self.programme_kinds = list(PROGRAMME_KINDS)
        self.event_kinds = list(EVENT_KINDS)
        self.levels = list(LEVELS)
        self._check_model()

    def _check_model(self) -> None:
        """The kinds and countries used here must be the model's (fail loudly when it changes)."""
        try:
            from cqmu_exchange import countries, model
        except ImportError:  # pragma: no cover - the bench runs in the project's environment
            return
        other_kinds = {"laboratory", "government", "funder", "diplomatic_mission", "association", "network", "other"}
        used = {
            model.PartnerKind: {k for _, _, k in BASES.values()} | other_kinds,
            model.PartnerStatus: {"partner", "affiliate", "funder", "authority", "guest", "mentioned"},
            model.NameType: {"label", "alias", "acronym", "former", "misspelling"},
        }
        for literal, values in used.items():
            missing = values - set(get_args(literal))
            if missing:
                raise SystemExit(f"generate.py: the model no longer has {sorted(missing)}; update the generator")
        self.programme_kinds = list(get_args(model.ProgrammeKind))
        self.event_kinds = list(get_args(model.EventKind))
        self.levels = list(get_args(model.Level))
        bad = [c[0] for c in COUNTRIES if not countries.is_country(c[0])]
        if bad:
            raise SystemExit(f"generate.py: not ISO 3166-1 codes: {bad}")

    def new_id(self, text: str, prefix: str = "") -> str:
        base = prefix + slug(text)
        candidate, k = base, 1
        while candidate in self.ids:
            k += 1
            candidate = f"{base}-{k}"
        self.ids.add(candidate)
        return candidate

    def sources(self, k: int = 2) -> list[str]:
        return sorted(self.rng.sample(self.source_ids, min(k, self.n_sources)))  # zero-padded: sorts by number

    # ---------------------------------------------------------------- partners

    def _base(self, country: tuple, city: tuple, key: str) -> dict[str, object]:
        en_t, zh_t, kind = BASES[key]
        native_city = city[1]
        form = city[3] if len(city) > 3 else native_city
        dc = ("d'" if fold(native_city)[:1] in "AEIOUaeiou" else "de ") + native_city
        lang = country[1]
        native = NATIVE_BASES[lang][key].format(c=native_city, f=form, dc=dc) if lang in NATIVE_BASES else None
        return {
            "name": en_t.format(c=city[0]),
            "native": native,
            "zh": zh_t.format(z=city[2]),
            "kind": kind,
            "shape": key,
        }

    def _shape(self, shape: str) -> dict[str, object] | None:
        rng = self.rng
        country, city = rng.choice(self.cities)
        lang = country[1]
        if shape == "base":
            rec = self._base(country, city, rng.choice(list(BASES)))
        elif shape in ("department", "laboratory"):
            if not self.bases:
                return None
            base = rng.choice(self.bases)
            country, city = base["_country"], base["_city"]  # type: ignore[assignment]
            lang = country[1]
            field = rng.choice(FIELDS)
            if shape == "department":
                name = f"Department of {field[0]}, {base['name']}"
                zh = f"{base['_zh']}{field[1]}系"
                native_t = NATIVE_DEPARTMENT.get(lang)
                kind = "faculty"
            else:
                second = rng.choice(FIELDS) if rng.random() < 0.5 else None
                label = f"{field[0]} and {second[0]}" if second and second is not field else field[0]
                pattern = "Laboratory of {}, {}" if rng.random() < 0.5 else "{} Laboratory, {}"
                name = pattern.format(label, base["name"])
                if second and second is not field:
                    zh = f"{base['_zh']}{field[1]}与{second[1]}重点实验室"
                    native_t = None
                else:
                    zh = f"{base['_zh']}{field[1]}实验室"
                    native_t = NATIVE_LABORATORY.get(lang)
                kind = "laboratory"
            native = None
            if native_t and base.get("_native") and lang in FIELD_LANGS:
                native = native_t.format(f=field[FIELD_LANGS[lang]], b=base["_native"])
            rec = {"name": name, "native": native, "zh": zh, "kind": kind, "parent": base["id"]}
        elif shape == "centre":
            field = rng.choice(FIELDS)
            rec = {
                "name": f"{city[0]} Centre for {field[0]}",
                "native": None,
                "zh": f"{city[2]}{field[1]}中心",
                "kind": "research_institute",
            }
        elif shape == "hospital":
            saint = rng.choice(SAINTS)
            rec = {
                "name": f"{saint[0]} Hospital {city[0]}",
                "native": None,
                "zh": f"{city[2]}{saint[1]}医院",
                "kind": "hospital",
            }
        elif shape == "association":
            field = rng.choice(FIELDS)
            native_t = NATIVE_SOCIETY.get(lang)
            native = None
            if native_t and country[5] and lang in FIELD_LANGS:
                native = native_t.format(a=country[5], f=field[FIELD_LANGS[lang]])
            rec = {
                "name": f"{country[3]} Society of {field[0]}",
                "native": native,
                "zh": f"{country[4]}{field[1]}学会",
                "kind": "association",
                "status": "mentioned" if rng.random() < 0.5 else "partner",
                "city": None,
            }
        elif shape == "government":
            en, zh = rng.choice(
                [
                    ("Ministry of Health of {n}", "{z}卫生部"),
                    ("Ministry of Education of {n}", "{z}教育部"),
                    ("National Health Agency of {n}", "{z}国家卫生署"),
                    ("Ministry of Foreign Affairs of {n}", "{z}外交部"),
                ]
            )
            rec = {
                "name": en.format(n=country[2]),
                "native": None,
                "zh": zh.format(z=country[4]),
                "kind": "government",
                "status": "authority",
                "city": None,
            }
        elif shape == "funder":
            en, zh = rng.choice(
                [
                    ("{a} Medical Research Foundation", "{z}医学研究基金会"),
                    ("{a} Academic Exchange Service", "{z}学术交流中心"),
                    ("{a} Council for International Education", "{z}国际教育委员会"),
                    ("{c} Health Foundation", "{y}健康基金会"),
                ]
            )
            rec = {
                "name": en.format(a=country[3], c=city[0]),
                "native": None,
                "zh": zh.format(z=country[4], y=city[2]),
                "kind": "funder",
                "status": "funder",
            }
        elif shape == "diplomatic":
            en, zh = rng.choice(
                [
                    ("Embassy of {n} in China", "{z}驻华大使馆"),
                    ("Consulate General of {n} in Chongqing", "{z}驻重庆总领事馆"),
                    ("Consulate General of {n} in Chengdu", "{z}驻成都总领事馆"),
                ]
            )
            name = en.format(n=country[2])
            rec = {
                "name": name[0].upper() + name[1:],
                "native": None,
                "zh": zh.format(z=country[4]),
                "kind": "diplomatic_mission",
                "status": "guest",
                "city": None,
            }
        elif shape == "network":
            field = rng.choice(FIELDS)
            rec = {
                "name": f"Sino-{country[3]} {field[0]} Alliance",
                "native": None,
                "zh": f"中{country[4][:1]}{field[1]}联盟",
                "kind": "network",
                "city": None,
            }
        else:  # other
            field = rng.choice(FIELDS)
            rec = {
                "name": f"{city[0]} {field[0]} Biotech Co., Ltd.",
                "native": None,
                "zh": f"{city[2]}{field[1]}生物科技有限公司",
                "kind": "other",
                "status": "mentioned",
            }
        rec.setdefault("city", city[0])
        rec["_country"], rec["_city"] = country, city
        return rec

    def partner(self) -> dict[str, object]:
        rng = self.rng
        shapes = [s for s, _ in SHAPES]
        weights = [w for _, w in SHAPES]
        rec: dict[str, object] | None = None
        # Keep about one base institution per ten partners (while cities last), so departments and laboratories
        # spread over many universities and hospitals instead of piling under the first few.
        force_base = len(self.bases) < 400 and len(self.bases) * 10 < len(self.partners) + 10
        for attempt in range(60):
            shape = "base" if force_base and attempt < 5 else rng.choices(shapes, weights)[0]
            rec = self._shape(shape)
            if rec is not None and rec["name"] not in self.used_names:
                break
        else:
            rec = rec or self._shape("centre")
            assert rec is not None
            rec["name"] = f"{rec['name']} ({rng.choice(['North', 'South', 'East', 'West', 'Central'])} Campus)"
            k = 2
            while rec["name"] in self.used_names:
                rec["name"] = f"{rec['name']} {k}"
                k += 1
        assert rec is not None
        self.used_names.add(str(rec["name"]))
        country = rec["_country"]
        rec["id"] = self.new_id(str(rec["name"]))
        rec["country"] = country[0]  # type: ignore[index]
        rec["_zh"] = rec.pop("zh")
        rec["_native"] = rec.pop("native")
        names: list[tuple[str, str, str | None]] = []
        lang = country[1]  # type: ignore[index]
        native = rec["_native"]
        if native:
            names.append((str(native), "label", lang))
        names.append((str(rec["_zh"]), "label", "zh-Hans"))
        if rng.random() < 0.75:
            source = native if native and fold(str(native)).strip() and lang not in ("bg", "ru") else rec["name"]
            acr = acronym(str(source))
            if len(acr) >= 2:
                names.append((acr, "acronym", None))
        if native and rng.random() < 0.3:
            ascii_form = fold(str(native))
            if ascii_form != native and len(ascii_form) > len(str(native)) // 2:
                names.append((ascii_form, "alias", lang))
        if rec.get("shape") == "medical" and rng.random() < 0.3:
            names.append((f"{rec['_city'][0]} Medical College", "former", "en"))  # type: ignore[index]
        if rng.random() < 0.1:
            wrong = typo(rng, str(rec["name"]))
            if wrong and wrong != rec["name"]:
                names.append((wrong, "misspelling", "en"))
        rec["names"] = names
        self._fill_partner(rec)
        return rec

    def _fill_partner(self, rec: dict[str, object]) -> None:
        rng = self.rng
        kind = rec["kind"]
        if "status" not in rec:
            if kind in ("faculty", "laboratory"):
                rec["status"] = rng.choices(["affiliate", "partner", "mentioned"], [60, 25, 15])[0]
            else:
                rec["status"] = rng.choices(["partner", "affiliate", "mentioned"], [60, 25, 15])[0]
        if rec.get("shape") in BASES:
            if rng.random() < 0.8:
                rec["established"] = rng.randint(1200, 1990) if kind == "university" else rng.randint(1800, 2010)
            country = rec["_country"]
            rec["website"] = f"https://www.{slug(str(rec['name']), 30)}.{country[6]}"  # type: ignore[index]
        elif kind in ("government", "funder") and rng.random() < 0.6:
            rec["website"] = f"https://www.{slug(str(rec['name']), 30)}.org"
        if rec["status"] in ("partner", "affiliate") and rng.random() < 0.7:
            rec["cooperation_since"] = edtf(rng, 1985, 2025, SINCE_MIX)
        if self.partners and rng.random() < 0.1:
            rec["related"] = sorted({p["id"] for p in rng.sample(self.partners, min(2, len(self.partners)))})  # type: ignore[misc]
        notes = []
        if rng.random() < 0.4:
            field = rng.choice(FIELDS)[0].lower()
            year = rng.randint(1995, 2025)
            notes.append(
                rng.choice(
                    [
                        f"Works with CQMU's {rng.choice(CQMU_UNITS)} on {field}.",
                        f"Hosted CQMU students for clinical internships in {year}.",
                        f"Signed a memorandum of understanding with CQMU in {year}; the article names no programme.",
                        f"Its delegation visited Chongqing in {year} to discuss joint training in {field}.",
                    ]
                )
            )
            if rng.random() < 0.3:
                notes.append("Named in the article only as a partner of the delegation's host.")
        rec["notes"] = notes
        rec["sources"] = self.sources(rng.choice((1, 1, 1, 2, 3)))

    def lyon_university(self) -> dict[str, object]:
        country, city = self.lyon
        rec: dict[str, object] = {
            "id": "univ-lyon",
            "name": "University of Lyon",
            "kind": "university",
            "status": "partner",
            "names": [
                ("Université de Lyon", "label", "fr"),
                ("里昂大学", "label", "zh-Hans"),
                ("UdL", "acronym", None),
                ("Universite de Lyon", "alias", "fr"),
                ("Univeristy of Lyon", "misspelling", "en"),
            ],
            "country": "FR",
            "city": "Lyon",
            "established": 1896,
            "cooperation_since": "2012-10",
            "website": "https://www.universite-lyon.fr",
            "notes": ["Federation of universities and schools in Lyon and Saint-Étienne; generated benchmark record."],
            "sources": self.sources(2),
            "_country": country,
            "_city": city,
            "_zh": "里昂大学",
            "_native": "Université de Lyon",
            "shape": "university",
        }
        self.ids.add("univ-lyon")
        return rec

    def all_partners(self) -> None:
        lyon_at = self.n // 2
        for i in range(self.n):
            rec = self.lyon_university() if i == lyon_at else self.partner()
            self.partners.append(rec)
            if rec.get("shape") in BASES and rec["kind"] in ("university", "hospital"):
                self.bases.append(rec)
            if rec["kind"] == "funder":
                self.funders.append(str(rec["id"]))
            if rec["kind"] == "government":
                self.authorities.append(str(rec["id"]))

    # ---------------------------------------------------------------- programmes, people, events, sources

    def programmes(self) -> list[dict[str, object]]:
        rng = self.rng
        out = []
        count = round(self.n / 10)
        for _ in range(count):
            kind = rng.choice(self.programme_kinds)
            partners = rng.sample(self.partners, rng.choice((1, 1, 1, 2, 3)))
            first = partners[0]
            p = str(first["name"])
            field = rng.choice(FIELDS)
            adj = first["_country"][3]  # type: ignore[index]
            unit = rng.choice(CQMU_UNITS)
            name = {
                "joint_institute": f"CQMU-{p} Joint Institute",
                "joint_degree": f"{field[0]} Joint Degree Programme with {p}",
                "joint_training": f"CQMU-{p} Joint Training Programme in {field[0]}",
                "student_exchange": f"CQMU - {p} student exchange agreement",
                "clinical_internship": f"{field[0]} clinical internships at {p}",
                "research_collaboration": f"CQMU-{p} joint research on {field[0]}",
                "forum_series": f"Sino-{adj} Forum on {field[0]}",
                "workshop_series": f"Sino-{adj} Workshop on {field[0]}",
                "mou": f"CQMU - {p} Memorandum of Understanding",
                "cooperation_agreement": f"CQMU - {p} cooperation agreement",
                "academic_exchange": f"{unit} - {p} academic exchange in {field[0]}",
            }.get(kind, f"{field[0]} technology transfer to {p}")
            rec: dict[str, object] = {"id": self.new_id(name, "prog-"), "name": name, "kind": kind}
            aliases = []
            if rng.random() < 0.3:
                acr = next((n for n, t, _ in first["names"] if t == "acronym"), None)  # type: ignore[attr-defined]
                if acr:
                    aliases.append((f"CQMU-{acr} {kind.replace('_', ' ')}", "alias", "en"))
            if rng.random() < 0.05:
                wrong = typo(rng, name)
                if wrong and wrong != name:
                    aliases.append((wrong, "misspelling", "en"))
            rec["aliases"] = aliases
            if kind in ("forum_series", "workshop_series"):
                rec["partners"] = [first["id"]] if rng.random() < 0.5 else []
            else:
                rec["partners"] = [x["id"] for x in partners]
            if rng.random() < 0.05:
                rec["partner_count"] = len(rec["partners"]) + rng.randint(1, 4)  # type: ignore[arg-type]
            rec["units"] = [unit] if rng.random() < 0.5 else []
            if kind in ("joint_degree", "joint_training", "student_exchange", "clinical_internship", "joint_institute"):
                rec["levels"] = sorted(rng.sample(self.levels, rng.randint(1, 3)), key=self.levels.index)
            if self.funders and rng.random() < 0.2:
                rec["funders"] = [rng.choice(self.funders)]
            if self.authorities and rng.random() < 0.15:
                rec["approved_by"] = [rng.choice(self.authorities)]
            if rng.random() < 0.75:
                start = edtf(rng, 1994, 2024, START_MIX)
                rec["start"] = start
                if rng.random() < 0.3:
                    year = int(start.lstrip("[")[:4])
                    rec["end"] = str(rng.randint(year + 1, year + 8))
            if kind in ("forum_series", "workshop_series"):
                rec["sessions"] = rng.randint(1, 15)
            if kind in ("joint_degree", "joint_training", "student_exchange") and rng.random() < 0.4:
                first_year = rng.randint(2000, 2022)
                rec["cohorts"] = [
                    (str(first_year + k), rng.randint(5, 150), "First intake." if k == 0 else None)
                    for k in range(rng.randint(1, 3))
                ]
            if kind == "joint_degree":
                rec["degrees"] = [
                    f"{CQMU}: Bachelor's degree in {field[0]}",
                    f"{p}: Bachelor of Science in {field[0]}",
                ]
            rec["summary"] = (
                f"{kind.replace('_', ' ').capitalize()} between CQMU and {p} in {field[0].lower()}; "
                f"run by CQMU's {unit}."
            )
            rec["sources"] = self.sources(rng.choice((1, 1, 2)))
            out.append(rec)
        return out

    def people(self) -> list[dict[str, object]]:
        rng = self.rng
        out = []
        langs = list(NAMES)
        for _ in range(round(self.n / 10)):
            rec: dict[str, object] = {}
            roles = []
            aliases: list[tuple[str, str, str | None]] = []
            if rng.random() < 0.3:
                fam, giv = rng.choice(ZH_FAMILY), rng.choice(ZH_GIVEN)
                name = f"{fam[0].upper()} {giv[0]}" if rng.random() < 0.5 else f"{fam[0]} {giv[0]}"
                rec.update(name=name, family_name=fam[0], given_name=giv[0], name_zh=fam[1] + giv[1])
                if name.split()[0].isupper():
                    aliases.append((f"{fam[0]} {giv[0]}", "alias", "en"))
                for _ in range(rng.randint(1, 2)):
                    title = rng.choice(CQMU_TITLES).replace("{F}", rng.choice(FIELDS)[0])
                    roles.append((title, CQMU, None, rng.choice(self.source_ids)))
            else:
                lang = rng.choice(langs)
                first, family = rng.choice(NAMES[lang][0]), rng.choice(NAMES[lang][1])
                name = f"{first} {family}"
                rec.update(name=name, family_name=family, given_name=first)
                if fold(name) != name and rng.random() < 0.4:
                    aliases.append((fold(name), "alias", "en"))
                for _ in range(rng.randint(1, 3)):
                    partner = rng.choice(self.partners)
                    official = partner["kind"] in ("government", "diplomatic_mission")
                    titles = OFFICIAL_TITLES if official else PARTNER_TITLES
                    title = rng.choice(titles).replace("{F}", rng.choice(FIELDS)[0])
                    src = rng.choice(self.source_ids) if rng.random() < 0.8 else None
                    roles.append((title, str(partner["name"]), str(partner["id"]), src))
            rec["id"] = self.new_id(str(rec["name"]))
            rec["aliases"] = aliases
            rec["roles"] = roles
            rec["sources"] = self.sources(rng.choice((1, 1, 2)))
            out.append(rec)
        return out

    def events(self, programmes: list[dict[str, object]], people: list[dict[str, object]]) -> list[dict[str, object]]:
        rng = self.rng
        out = []
        for _ in range(round(self.n / 5)):
            kind = rng.choice(self.event_kinds)
            partner = rng.choice(self.partners)
            p = str(partner["name"])
            programme = rng.choice(programmes) if programmes and rng.random() < 0.5 else None
            person = rng.choice(people) if people and rng.random() < 0.4 else None
            subject = str(programme["name"]) if programme else f"cooperation with {p}"
            name = {
                "visit": f"Visit of a {p} delegation to CQMU",
                "signing": f"Signing of the {subject}",
                "meeting": f"Online meeting with {p}",
                "ceremony": f"Opening ceremony: {subject}",
                "approval": f"Approval of the {subject}",
                "appointment": f"{person['name'] if person else 'A professor'} appointed honorary professor of CQMU",
                "forum": f"Session of the {subject}",
                "application": f"Joint application with {p}",
                "briefing": f"Briefing on the {subject}",
                "milestone": f"Start of cooperation with {p}",
                "enrolment": f"First cohort enrols: {subject}",
            }.get(kind, f"Exchange with {p}")
            rec: dict[str, object] = {"id": self.new_id(name, "ev-"), "name": name, "kind": kind}
            if rng.random() < 0.92:
                date = edtf(rng, 1994, 2025, EVENT_MIX)
                rec["date"] = date
                if date.startswith("["):
                    rec["date_note"] = "Day not given; took place during the trip."
            else:
                rec["date_note"] = "The article gives no date."
            if rng.random() < 0.5:
                rec["place"] = f"{p}, {partner['_country'][2]}" if rng.random() < 0.5 else CQMU  # type: ignore[index]
            rec["partners"] = [partner["id"]]
            rec["programmes"] = [programme["id"]] if programme else []
            rec["people"] = [person["id"]] if person else []
            rec["summary"] = f"{name}; reported by CQMU Events & News."
            rec["sources"] = self.sources(rng.choice((1, 1, 2)))
            out.append(rec)
        return out

    def source_records(self) -> list[dict[str, object]]:
        rng = self.rng
        out = []
        for i, sid in enumerate(self.source_ids):
            partner = rng.choice(self.partners)
            title = rng.choice(
                [
                    f"CQMU Delegation Visited {partner['name']}",
                    f"CQMU Signs Agreement with {partner['name']}",
                    f"{partner['name']} Delegation Visits CQMU",
                    f"CQMU Holds Briefing Meeting on {rng.randint(2015, 2025)} Student Overseas Exchange Programme",
                ]
            )
            rec: dict[str, object] = {"id": sid, "title": title}
            rec["publisher"] = "CQMU Events & News" if rng.random() < 0.9 else "Chongqing Daily"
            if rng.random() < 0.6:
                rec["date"] = edtf(rng, 2005, 2025, SOURCE_MIX)
            elif rng.random() < 0.8:
                rec["event_date"] = edtf(rng, 2005, 2025, SOURCE_MIX)
            if rng.random() < 0.7:
                rec["url"] = f"https://english.cqmu.edu.cn/info/{1000 + i % 90}/{10000 + i}.htm"
            out.append(rec)
        return out


# --------------------------------------------------------------------------- TOML text


def _names(out: list[str], key: str, names: Sequence[tuple[str, str, str | None]]) -> None:
    if names:
        out.append(f"{key} = [")
        out.extend(f"  {inline([('value', v), ('type', t), ('lang', lang)])}," for v, t, lang in names)
        out.append("]")


def _strings(out: list[str], key: str, values: Sequence[str]) -> None:
    if values:
        out.append(f"{key} = [")
        out.extend(f"  {q(v)}," for v in values)
        out.append("]")


def _scalar(out: list[str], rec: dict[str, object], key: str) -> None:
    value = rec.get(key)
    if value is None:
        return
    out.append(f"{key} = {q(value) if isinstance(value, str) else value}")


def _ids(out: list[str], rec: dict[str, object], key: str) -> None:
    values = rec.get(key)
    if values:
        out.append(f"{key} = {q_list(values)}")  # type: ignore[arg-type]


def render(gen: Generator, programmes: list, events: list, people: list, sources: list) -> str:
    out: list[str] = [
        f"# Generated benchmark dataset: {len(gen.partners)} partners, {len(programmes)} programmes, "
        f"{len(events)} events, {len(people)} people, {len(sources)} sources.",
        "# Made by bench/generate.py; fictional records in the layout of data/partners.toml. Do not edit.",
        "",
        "schema_version = 1",
        "",
    ]
    rule = "# " + "-" * 75

    def section(title: str) -> None:
        out.extend([rule, f"# {title}", rule, ""])

    section("Sources")
    for rec in sources:
        out.append("[[sources]]")
        for key in ("id", "title", "publisher", "date", "event_date", "url"):
            _scalar(out, rec, key)
        out.append("")
    section("Partners")
    for rec in gen.partners:
        out.append("[[partners]]")
        for key in ("id", "name", "kind", "status"):
            _scalar(out, rec, key)
        _names(out, "names", rec["names"])  # type: ignore[arg-type]
        for key in ("country", "city", "established", "cooperation_since", "website"):
            _scalar(out, rec, key)
        _scalar(out, rec, "parent")
        _ids(out, rec, "related")
        _strings(out, "notes", rec["notes"])  # type: ignore[arg-type]
        _ids(out, rec, "sources")
        out.append("")
    section("Programmes")
    for rec in programmes:
        out.append("[[programmes]]")
        for key in ("id", "name", "kind"):
            _scalar(out, rec, key)
        _names(out, "aliases", rec["aliases"])  # type: ignore[arg-type]
        _ids(out, rec, "partners")
        _scalar(out, rec, "partner_count")
        for key in ("units", "levels", "funders", "approved_by"):
            _ids(out, rec, key)
        for key in ("start", "end", "sessions"):
            _scalar(out, rec, key)
        cohorts = rec.get("cohorts")
        if cohorts:
            out.append("cohorts = [")
            out.extend(f"  {inline([('date', d), ('size', s), ('note', n)])}," for d, s, n in cohorts)  # type: ignore[attr-defined]
            out.append("]")
        _strings(out, "degrees", rec.get("degrees") or [])  # type: ignore[arg-type]
        _scalar(out, rec, "summary")
        _ids(out, rec, "sources")
        out.append("")
    section("Events")
    for rec in events:
        out.append("[[events]]")
        for key in ("id", "name", "kind", "date", "date_note", "place"):
            _scalar(out, rec, key)
        for key in ("partners", "programmes", "people"):
            _ids(out, rec, key)
        _scalar(out, rec, "summary")
        _ids(out, rec, "sources")
        out.append("")
    section("People")
    for rec in people:
        out.append("[[people]]")
        for key in ("id", "name", "family_name", "given_name", "name_zh"):
            _scalar(out, rec, key)
        _names(out, "aliases", rec["aliases"])  # type: ignore[arg-type]
        roles = rec["roles"]
        if roles:
            out.append("roles = [")
            out.extend(
                f"  {inline([('title', t), ('organisation', o), ('partner', p), ('source', s)])},"
                for t, o, p, s in roles  # type: ignore[attr-defined]
            )
            out.append("]")
        _ids(out, rec, "sources")
        out.append("")
    return "\n".join(out)


def generate(n: int, seed: int = 1) -> str:
    """The TOML text of a dataset with ``n`` partners (deterministic for a given seed)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    gen = Generator(n, seed)
    gen.all_partners()
    programmes = gen.programmes()
    people = gen.people()
    events = gen.events(programmes, people)
    sources = gen.source_records()
    return render(gen, programmes, events, people, sources)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of partners")
    parser.add_argument("out", type=Path, help="TOML file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    start = time.perf_counter()
    text = generate(args.n, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    args.out.write_bytes(data)
    took = time.perf_counter() - start
    print(f"{args.out}: {args.n} partners, {len(data) / 1e6:.1f} MB in {took:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
