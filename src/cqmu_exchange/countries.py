"""ISO 3166-1 countries: codes, common English names, continents, and lookup.

``COUNTRIES`` maps each of the 249 officially assigned ISO 3166-1 alpha-2
codes to its common English short name and its continent. User-assigned codes
such as ``XK`` (Kosovo) are not included, and neither is ``UK`` (an
exceptionally reserved code, not an assigned one: the United Kingdom is
``GB``).

Continents follow the usual seven-continent model. Each code gets exactly one:
transcontinental countries are placed by their capital or by convention
(Russia in Europe; Türkiye, Georgia, Armenia, Azerbaijan and Kazakhstan in
Asia; Egypt in Africa; Cyprus in Europe), Central America and the Caribbean
are in North America, and the uninhabited southern islands (Bouvet Island,
South Georgia, Heard Island, French Southern Territories) are in Antarctica.

``lookup`` resolves user input to a code: an alpha-2 or alpha-3 code in any
case, an English name or common alias, or one of a set of native and Chinese
names, all case- and diacritic-insensitively. It never guesses: anything
else gives ``None``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "CONTINENTS",
    "COUNTRIES",
    "continent_of",
    "is_country",
    "lookup",
    "name_of",
]

_CONTINENT_ABBR = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}

CONTINENTS: tuple[str, ...] = tuple(_CONTINENT_ABBR.values())

# alpha-2, alpha-3, continent, common English short name.
_TABLE = """
AD AND EU Andorra
AE ARE AS United Arab Emirates
AF AFG AS Afghanistan
AG ATG NA Antigua and Barbuda
AI AIA NA Anguilla
AL ALB EU Albania
AM ARM AS Armenia
AO AGO AF Angola
AQ ATA AN Antarctica
AR ARG SA Argentina
AS ASM OC American Samoa
AT AUT EU Austria
AU AUS OC Australia
AW ABW NA Aruba
AX ALA EU Åland Islands
AZ AZE AS Azerbaijan
BA BIH EU Bosnia and Herzegovina
BB BRB NA Barbados
BD BGD AS Bangladesh
BE BEL EU Belgium
BF BFA AF Burkina Faso
BG BGR EU Bulgaria
BH BHR AS Bahrain
BI BDI AF Burundi
BJ BEN AF Benin
BL BLM NA Saint Barthélemy
BM BMU NA Bermuda
BN BRN AS Brunei
BO BOL SA Bolivia
BQ BES NA Caribbean Netherlands
BR BRA SA Brazil
BS BHS NA Bahamas
BT BTN AS Bhutan
BV BVT AN Bouvet Island
BW BWA AF Botswana
BY BLR EU Belarus
BZ BLZ NA Belize
CA CAN NA Canada
CC CCK AS Cocos (Keeling) Islands
CD COD AF DR Congo
CF CAF AF Central African Republic
CG COG AF Republic of the Congo
CH CHE EU Switzerland
CI CIV AF Côte d'Ivoire
CK COK OC Cook Islands
CL CHL SA Chile
CM CMR AF Cameroon
CN CHN AS China
CO COL SA Colombia
CR CRI NA Costa Rica
CU CUB NA Cuba
CV CPV AF Cape Verde
CW CUW NA Curaçao
CX CXR AS Christmas Island
CY CYP EU Cyprus
CZ CZE EU Czechia
DE DEU EU Germany
DJ DJI AF Djibouti
DK DNK EU Denmark
DM DMA NA Dominica
DO DOM NA Dominican Republic
DZ DZA AF Algeria
EC ECU SA Ecuador
EE EST EU Estonia
EG EGY AF Egypt
EH ESH AF Western Sahara
ER ERI AF Eritrea
ES ESP EU Spain
ET ETH AF Ethiopia
FI FIN EU Finland
FJ FJI OC Fiji
FK FLK SA Falkland Islands
FM FSM OC Micronesia
FO FRO EU Faroe Islands
FR FRA EU France
GA GAB AF Gabon
GB GBR EU United Kingdom
GD GRD NA Grenada
GE GEO AS Georgia
GF GUF SA French Guiana
GG GGY EU Guernsey
GH GHA AF Ghana
GI GIB EU Gibraltar
GL GRL NA Greenland
GM GMB AF Gambia
GN GIN AF Guinea
GP GLP NA Guadeloupe
GQ GNQ AF Equatorial Guinea
GR GRC EU Greece
GS SGS AN South Georgia and the South Sandwich Islands
GT GTM NA Guatemala
GU GUM OC Guam
GW GNB AF Guinea-Bissau
GY GUY SA Guyana
HK HKG AS Hong Kong
HM HMD AN Heard Island and McDonald Islands
HN HND NA Honduras
HR HRV EU Croatia
HT HTI NA Haiti
HU HUN EU Hungary
ID IDN AS Indonesia
IE IRL EU Ireland
IL ISR AS Israel
IM IMN EU Isle of Man
IN IND AS India
IO IOT AS British Indian Ocean Territory
IQ IRQ AS Iraq
IR IRN AS Iran
IS ISL EU Iceland
IT ITA EU Italy
JE JEY EU Jersey
JM JAM NA Jamaica
JO JOR AS Jordan
JP JPN AS Japan
KE KEN AF Kenya
KG KGZ AS Kyrgyzstan
KH KHM AS Cambodia
KI KIR OC Kiribati
KM COM AF Comoros
KN KNA NA Saint Kitts and Nevis
KP PRK AS North Korea
KR KOR AS South Korea
KW KWT AS Kuwait
KY CYM NA Cayman Islands
KZ KAZ AS Kazakhstan
LA LAO AS Laos
LB LBN AS Lebanon
LC LCA NA Saint Lucia
LI LIE EU Liechtenstein
LK LKA AS Sri Lanka
LR LBR AF Liberia
LS LSO AF Lesotho
LT LTU EU Lithuania
LU LUX EU Luxembourg
LV LVA EU Latvia
LY LBY AF Libya
MA MAR AF Morocco
MC MCO EU Monaco
MD MDA EU Moldova
ME MNE EU Montenegro
MF MAF NA Saint Martin
MG MDG AF Madagascar
MH MHL OC Marshall Islands
MK MKD EU North Macedonia
ML MLI AF Mali
MM MMR AS Myanmar
MN MNG AS Mongolia
MO MAC AS Macau
MP MNP OC Northern Mariana Islands
MQ MTQ NA Martinique
MR MRT AF Mauritania
MS MSR NA Montserrat
MT MLT EU Malta
MU MUS AF Mauritius
MV MDV AS Maldives
MW MWI AF Malawi
MX MEX NA Mexico
MY MYS AS Malaysia
MZ MOZ AF Mozambique
NA NAM AF Namibia
NC NCL OC New Caledonia
NE NER AF Niger
NF NFK OC Norfolk Island
NG NGA AF Nigeria
NI NIC NA Nicaragua
NL NLD EU Netherlands
NO NOR EU Norway
NP NPL AS Nepal
NR NRU OC Nauru
NU NIU OC Niue
NZ NZL OC New Zealand
OM OMN AS Oman
PA PAN NA Panama
PE PER SA Peru
PF PYF OC French Polynesia
PG PNG OC Papua New Guinea
PH PHL AS Philippines
PK PAK AS Pakistan
PL POL EU Poland
PM SPM NA Saint Pierre and Miquelon
PN PCN OC Pitcairn Islands
PR PRI NA Puerto Rico
PS PSE AS Palestine
PT PRT EU Portugal
PW PLW OC Palau
PY PRY SA Paraguay
QA QAT AS Qatar
RE REU AF Réunion
RO ROU EU Romania
RS SRB EU Serbia
RU RUS EU Russia
RW RWA AF Rwanda
SA SAU AS Saudi Arabia
SB SLB OC Solomon Islands
SC SYC AF Seychelles
SD SDN AF Sudan
SE SWE EU Sweden
SG SGP AS Singapore
SH SHN AF Saint Helena, Ascension and Tristan da Cunha
SI SVN EU Slovenia
SJ SJM EU Svalbard and Jan Mayen
SK SVK EU Slovakia
SL SLE AF Sierra Leone
SM SMR EU San Marino
SN SEN AF Senegal
SO SOM AF Somalia
SR SUR SA Suriname
SS SSD AF South Sudan
ST STP AF São Tomé and Príncipe
SV SLV NA El Salvador
SX SXM NA Sint Maarten
SY SYR AS Syria
SZ SWZ AF Eswatini
TC TCA NA Turks and Caicos Islands
TD TCD AF Chad
TF ATF AN French Southern Territories
TG TGO AF Togo
TH THA AS Thailand
TJ TJK AS Tajikistan
TK TKL OC Tokelau
TL TLS AS Timor-Leste
TM TKM AS Turkmenistan
TN TUN AF Tunisia
TO TON OC Tonga
TR TUR AS Türkiye
TT TTO NA Trinidad and Tobago
TV TUV OC Tuvalu
TW TWN AS Taiwan
TZ TZA AF Tanzania
UA UKR EU Ukraine
UG UGA AF Uganda
UM UMI OC United States Minor Outlying Islands
US USA NA United States
UY URY SA Uruguay
UZ UZB AS Uzbekistan
VA VAT EU Vatican City
VC VCT NA Saint Vincent and the Grenadines
VE VEN SA Venezuela
VG VGB NA British Virgin Islands
VI VIR NA United States Virgin Islands
VN VNM AS Vietnam
VU VUT OC Vanuatu
WF WLF OC Wallis and Futuna
WS WSM OC Samoa
YE YEM AS Yemen
YT MYT AF Mayotte
ZA ZAF AF South Africa
ZM ZMB AF Zambia
ZW ZWE AF Zimbabwe
"""

# alpha-2, then "|"-separated aliases: ISO 3166-1 names where they differ from
# the common name, other English names, and native and Chinese names.
_ALIASES = """
BN Brunei Darussalam
BO Bolivia, Plurinational State of|Plurinational State of Bolivia
BQ Bonaire, Sint Eustatius and Saba|Bonaire|Sint Eustatius|Saba
BS The Bahamas
CC Cocos Islands|Keeling Islands
CD Congo, The Democratic Republic of the|Democratic Republic of the Congo
CD DRC|DR of the Congo|Congo-Kinshasa
CG Congo|Congo-Brazzaville|Congo Republic
CI Ivory Coast|Cote d'Ivoire
CN People's Republic of China|PRC|Mainland China|中国|中國|中华人民共和国|中華人民共和國
CV Cabo Verde
CZ Czech Republic|Česko|Česká republika|捷克
DE Deutschland|Federal Republic of Germany|德国|德國
FK Falkland Islands (Malvinas)|Falklands|Malvinas
FM Micronesia, Federated States of|Federated States of Micronesia
GB UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland
GB United Kingdom of Great Britain and Northern Ireland|英国|英國
GM The Gambia
IR Iran, Islamic Republic of|Islamic Republic of Iran|Persia|伊朗
KP Korea, Democratic People's Republic of|DPRK|朝鲜|朝鮮
KP Democratic People's Republic of Korea
KR Korea, Republic of|Republic of Korea|Korea|ROK|韩国|韓國|南韩|南韓
KR 大韩民国|大韓民國|한국|대한민국
LA Lao People's Democratic Republic|Lao PDR|Lao|老挝|寮國
MD Moldova, Republic of|Republic of Moldova
MF Saint Martin (French part)
MK Macedonia|Republic of North Macedonia
MM Burma|缅甸|緬甸
MO Macao|Macau SAR|Macao SAR|澳门|澳門
PN Pitcairn
PS Palestine, State of|State of Palestine
RU Russian Federation|Россия|俄罗斯|俄羅斯
ST Sao Tome and Principe
SX Sint Maarten (Dutch part)
SY Syrian Arab Republic
SZ Swaziland
TL East Timor
TR Turkey|Republic of Türkiye|土耳其
TW Taiwan, Province of China|Republic of China|ROC|Chinese Taipei
TW 台湾|台灣|臺灣
TZ Tanzania, United Republic of|United Republic of Tanzania
US US|U.S.|U.S.A.|America|United States of America|美国|美國
VA Holy See (Vatican City State)|Holy See|Vatican|Vatican City State
VE Venezuela, Bolivarian Republic of|Bolivarian Republic of Venezuela
VG Virgin Islands, British
VI Virgin Islands, U.S.|US Virgin Islands|U.S. Virgin Islands
VN Viet Nam|越南
AE UAE|Emirates|阿联酋|阿拉伯联合酋长国
AR 阿根廷
AT Österreich|奥地利|奧地利
AU 澳大利亚|澳大利亞|澳洲
BD 孟加拉国|孟加拉國
BE België|Belgique|比利时|比利時
BG България|保加利亚|保加利亞
BR Brasil|巴西
CA 加拿大
CH Schweiz|Suisse|Svizzera|瑞士
DK Danmark|丹麦|丹麥
EG 埃及
ES España|西班牙
ET 埃塞俄比亚
FI Suomi|芬兰|芬蘭
FR 法国|法國
GR Hellas|Ελλάδα|希腊|希臘
HK Hong Kong SAR|香港
HU Magyarország|匈牙利
ID 印度尼西亚|印度尼西亞|印尼
IE Éire|Republic of Ireland|爱尔兰|愛爾蘭
IL 以色列
IN Bharat|印度
IT Italia|意大利|義大利
JP Nippon|Nihon|日本
KE 肯尼亚
KH 柬埔寨
KZ 哈萨克斯坦
LK 斯里兰卡
MN 蒙古
MX México|墨西哥
MY 马来西亚|馬來西亞
NG 尼日利亚
NL Holland|Nederland|Kingdom of the Netherlands|荷兰|荷蘭
NO Norge|挪威
NP 尼泊尔
NZ Aotearoa|新西兰|新西蘭|紐西蘭
PH 菲律宾|菲律賓
PK 巴基斯坦
PL Polska|波兰|波蘭
PT 葡萄牙
RO România|罗马尼亚|羅馬尼亞
RS Србија|塞尔维亚|塞爾維亞
SA 沙特阿拉伯|沙特
SE Sverige|瑞典
SG 新加坡
TH 泰国|泰國
UA Україна|乌克兰|烏克蘭
ZA 南非
"""

COUNTRIES: dict[str, tuple[str, str]] = {}
_ALPHA3: dict[str, str] = {}
for _line in _TABLE.strip().splitlines():
    _code, _alpha3, _cont, _name = _line.split(" ", 3)
    COUNTRIES[_code] = (_name, _CONTINENT_ABBR[_cont])
    _ALPHA3[_alpha3] = _code

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_SEPARATORS = re.compile(r"[\W_]+")


def _normalize(text: str) -> str:
    """Fold case and diacritics, drop punctuation, spell out "&" and "St"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _APOSTROPHES.sub("", bare.casefold().replace("&", " and "))
    words = _SEPARATORS.sub(" ", bare).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join("saint" if word == "st" else word for word in words)


_INDEX: dict[str, str] = {}


def _index() -> dict[str, str]:
    """Normalized code, name or alias -> alpha-2 code, built on first use."""
    if _INDEX:
        return _INDEX
    entries: list[tuple[str, str]] = []
    for code, (name, _continent) in COUNTRIES.items():
        entries += [(code, code), (name, code)]
    entries += [(alpha3, code) for alpha3, code in _ALPHA3.items()]
    for line in _ALIASES.strip().splitlines():
        code, aliases = line.split(" ", 1)
        entries += [(alias, code) for alias in aliases.split("|")]
    index: dict[str, str] = {}
    for text, code in entries:
        key = _normalize(text)
        if index.setdefault(key, code) != code:
            msg = f"{text!r} would name both {index[key]} and {code}"
            raise AssertionError(msg)
    _INDEX.update(index)
    return _INDEX


def is_country(code: str) -> bool:
    """Whether ``code`` is an assigned ISO 3166-1 alpha-2 code, exactly ("FR")."""
    return code in COUNTRIES


def name_of(code: str) -> str | None:
    """The common English short name of an alpha-2 code, or None."""
    entry = COUNTRIES.get(code)
    return entry[0] if entry else None


def continent_of(code: str) -> str | None:
    """The continent of an alpha-2 code, or None."""
    entry = COUNTRIES.get(code)
    return entry[1] if entry else None


def lookup(text: str) -> str | None:
    """Resolve user input (code, name, alias, native name) to an alpha-2 code.

    Case, diacritics, punctuation and a leading "the" are ignored; nothing is
    guessed, so unknown or ambiguous input gives None.
    """
    key = _normalize(text)
    return _index().get(key) if key else None
