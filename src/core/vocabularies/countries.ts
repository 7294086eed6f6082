import type { Language } from '../languages.js';
import type { LocalizedLabel } from './localized-label.js';

// Countries and nationalities are stored as ISO 3166-1 alpha-3 codes and shown by name in the
// reader's language. Names follow CLDR (English, Traditional Chinese as written in Hong Kong
// and Macao, European Portuguese), except where the Macao SAR government's official usage
// differs: 中國澳門 / Macao, China / Macau, China, and likewise Hong Kong and Taiwan.
// Rows: alpha-3|alpha-2|English|Chinese|Portuguese. XKX (Kosovo) is user-assigned but used by
// UNODC and CTDC.

const ROWS = `
ABW|AW|Aruba|阿魯巴|Aruba
AFG|AF|Afghanistan|阿富汗|Afeganistão
AGO|AO|Angola|安哥拉|Angola
AIA|AI|Anguilla|安奎拉|Anguila
ALA|AX|Åland Islands|奧蘭群島|Alanda
ALB|AL|Albania|阿爾巴尼亞|Albânia
AND|AD|Andorra|安道爾|Andorra
ARE|AE|United Arab Emirates|阿拉伯聯合酋長國|Emirados Árabes Unidos
ARG|AR|Argentina|阿根廷|Argentina
ARM|AM|Armenia|亞美尼亞|Arménia
ASM|AS|American Samoa|美屬薩摩亞|Samoa Americana
ATA|AQ|Antarctica|南極洲|Antártida
ATF|TF|French Southern Territories|法屬南部領地|Territórios Austrais Franceses
ATG|AG|Antigua and Barbuda|安提瓜和巴布達|Antígua e Barbuda
AUS|AU|Australia|澳洲|Austrália
AUT|AT|Austria|奧地利|Áustria
AZE|AZ|Azerbaijan|亞塞拜疆|Azerbaijão
BDI|BI|Burundi|布隆迪|Burundi
BEL|BE|Belgium|比利時|Bélgica
BEN|BJ|Benin|貝寧|Benim
BES|BQ|Caribbean Netherlands|荷蘭加勒比區|Países Baixos Caribenhos
BFA|BF|Burkina Faso|布基納法索|Burquina Faso
BGD|BD|Bangladesh|孟加拉|Bangladeche
BGR|BG|Bulgaria|保加利亞|Bulgária
BHR|BH|Bahrain|巴林|Barém
BHS|BS|Bahamas|巴哈馬|Baamas
BIH|BA|Bosnia and Herzegovina|波斯尼亞和黑塞哥維那|Bósnia e Herzegovina
BLM|BL|St. Barthélemy|聖巴泰勒米|São Bartolomeu
BLR|BY|Belarus|白俄羅斯|Bielorrússia
BLZ|BZ|Belize|伯利茲|Belize
BMU|BM|Bermuda|百慕達|Bermudas
BOL|BO|Bolivia|玻利維亞|Bolívia
BRA|BR|Brazil|巴西|Brasil
BRB|BB|Barbados|巴巴多斯|Barbados
BRN|BN|Brunei|汶萊|Brunei
BTN|BT|Bhutan|不丹|Butão
BVT|BV|Bouvet Island|鮑威特島|Ilha Bouvet
BWA|BW|Botswana|博茨瓦納|Botsuana
CAF|CF|Central African Republic|中非共和國|República Centro-Africana
CAN|CA|Canada|加拿大|Canadá
CCK|CC|Cocos (Keeling) Islands|科科斯 (基林) 群島|Ilhas dos Cocos (Keeling)
CHE|CH|Switzerland|瑞士|Suíça
CHL|CL|Chile|智利|Chile
CHN|CN|China|中國|China
CIV|CI|Côte d’Ivoire|科特迪瓦|Costa do Marfim
CMR|CM|Cameroon|喀麥隆|Camarões
COD|CD|Congo - Kinshasa|剛果（金夏沙）|Congo-Kinshasa
COG|CG|Congo - Brazzaville|剛果（布拉薩）|Congo-Brazzaville
COK|CK|Cook Islands|庫克群島|Ilhas Cook
COL|CO|Colombia|哥倫比亞|Colômbia
COM|KM|Comoros|科摩羅|Comores
CPV|CV|Cape Verde|佛得角|Cabo Verde
CRI|CR|Costa Rica|哥斯達黎加|Costa Rica
CUB|CU|Cuba|古巴|Cuba
CUW|CW|Curaçao|庫拉索|Curaçau
CXR|CX|Christmas Island|聖誕島|Ilha do Natal
CYM|KY|Cayman Islands|開曼群島|Ilhas Caimão
CYP|CY|Cyprus|塞浦路斯|Chipre
CZE|CZ|Czechia|捷克|Chéquia
DEU|DE|Germany|德國|Alemanha
DJI|DJ|Djibouti|吉布提|Jibuti
DMA|DM|Dominica|多米尼克|Domínica
DNK|DK|Denmark|丹麥|Dinamarca
DOM|DO|Dominican Republic|多米尼加共和國|República Dominicana
DZA|DZ|Algeria|阿爾及利亞|Argélia
ECU|EC|Ecuador|厄瓜多爾|Equador
EGY|EG|Egypt|埃及|Egito
ERI|ER|Eritrea|厄立特里亞|Eritreia
ESH|EH|Western Sahara|西撒哈拉|Sara Ocidental
ESP|ES|Spain|西班牙|Espanha
EST|EE|Estonia|愛沙尼亞|Estónia
ETH|ET|Ethiopia|埃塞俄比亞|Etiópia
FIN|FI|Finland|芬蘭|Finlândia
FJI|FJ|Fiji|斐濟|Fiji
FLK|FK|Falkland Islands|福克蘭群島|Ilhas Falkland
FRA|FR|France|法國|França
FRO|FO|Faroe Islands|法羅群島|Ilhas Faroé
FSM|FM|Micronesia|密克羅尼西亞|Micronésia
GAB|GA|Gabon|加蓬|Gabão
GBR|GB|United Kingdom|英國|Reino Unido
GEO|GE|Georgia|格魯吉亞|Geórgia
GGY|GG|Guernsey|根息|Guernesey
GHA|GH|Ghana|加納|Gana
GIB|GI|Gibraltar|直布羅陀|Gibraltar
GIN|GN|Guinea|幾內亞|Guiné
GLP|GP|Guadeloupe|瓜地洛普|Guadalupe
GMB|GM|Gambia|岡比亞|Gâmbia
GNB|GW|Guinea-Bissau|幾內亞比紹|Guiné-Bissau
GNQ|GQ|Equatorial Guinea|赤道幾內亞|Guiné Equatorial
GRC|GR|Greece|希臘|Grécia
GRD|GD|Grenada|格林納達|Granada
GRL|GL|Greenland|格陵蘭|Gronelândia
GTM|GT|Guatemala|危地馬拉|Guatemala
GUF|GF|French Guiana|法屬圭亞那|Guiana Francesa
GUM|GU|Guam|關島|Guame
GUY|GY|Guyana|圭亞那|Guiana
HKG|HK|Hong Kong, China|中國香港|Hong Kong, China
HMD|HM|Heard and McDonald Islands|赫德島及麥唐納群島|Ilhas Heard e McDonald
HND|HN|Honduras|洪都拉斯|Honduras
HRV|HR|Croatia|克羅地亞|Croácia
HTI|HT|Haiti|海地|Haiti
HUN|HU|Hungary|匈牙利|Hungria
IDN|ID|Indonesia|印尼|Indonésia
IMN|IM|Isle of Man|馬恩島|Ilha de Man
IND|IN|India|印度|Índia
IOT|IO|British Indian Ocean Territory|英屬印度洋領地|Território Britânico do Oceano Índico
IRL|IE|Ireland|愛爾蘭|Irlanda
IRN|IR|Iran|伊朗|Irão
IRQ|IQ|Iraq|伊拉克|Iraque
ISL|IS|Iceland|冰島|Islândia
ISR|IL|Israel|以色列|Israel
ITA|IT|Italy|意大利|Itália
JAM|JM|Jamaica|牙買加|Jamaica
JEY|JE|Jersey|澤西島|Jersey
JOR|JO|Jordan|約旦|Jordânia
JPN|JP|Japan|日本|Japão
KAZ|KZ|Kazakhstan|哈薩克|Cazaquistão
KEN|KE|Kenya|肯尼亞|Quénia
KGZ|KG|Kyrgyzstan|吉爾吉斯|Quirguistão
KHM|KH|Cambodia|柬埔寨|Camboja
KIR|KI|Kiribati|吉里巴斯|Quiribáti
KNA|KN|St. Kitts and Nevis|聖基茨和尼維斯|São Cristóvão e Neves
KOR|KR|South Korea|南韓|Coreia do Sul
KWT|KW|Kuwait|科威特|Koweit
LAO|LA|Laos|老撾|Laos
LBN|LB|Lebanon|黎巴嫩|Líbano
LBR|LR|Liberia|利比里亞|Libéria
LBY|LY|Libya|利比亞|Líbia
LCA|LC|St. Lucia|聖盧西亞|Santa Lúcia
LIE|LI|Liechtenstein|列支敦士登|Listenstaine
LKA|LK|Sri Lanka|斯里蘭卡|Sri Lanca
LSO|LS|Lesotho|萊索托|Lesoto
LTU|LT|Lithuania|立陶宛|Lituânia
LUX|LU|Luxembourg|盧森堡|Luxemburgo
LVA|LV|Latvia|拉脫維亞|Letónia
MAC|MO|Macao, China|中國澳門|Macau, China
MAF|MF|St. Martin|法屬聖馬丁|São Martinho (Saint-Martin)
MAR|MA|Morocco|摩洛哥|Marrocos
MCO|MC|Monaco|摩納哥|Mónaco
MDA|MD|Moldova|摩爾多瓦|Moldávia
MDG|MG|Madagascar|馬達加斯加|Madagáscar
MDV|MV|Maldives|馬爾代夫|Maldivas
MEX|MX|Mexico|墨西哥|México
MHL|MH|Marshall Islands|馬紹爾群島|Ilhas Marshall
MKD|MK|North Macedonia|北馬其頓|Macedónia do Norte
MLI|ML|Mali|馬里|Mali
MLT|MT|Malta|馬耳他|Malta
MMR|MM|Myanmar|緬甸|Myanmar
MNE|ME|Montenegro|黑山|Montenegro
MNG|MN|Mongolia|蒙古|Mongólia
MNP|MP|Northern Mariana Islands|北馬利安納群島|Ilhas Marianas do Norte
MOZ|MZ|Mozambique|莫桑比克|Moçambique
MRT|MR|Mauritania|毛里塔尼亞|Mauritânia
MSR|MS|Montserrat|蒙特塞拉特|Monserrate
MTQ|MQ|Martinique|馬丁尼克|Martinica
MUS|MU|Mauritius|毛里裘斯|Maurícia
MWI|MW|Malawi|馬拉維|Maláui
MYS|MY|Malaysia|馬來西亞|Malásia
MYT|YT|Mayotte|馬約特|Maiote
NAM|NA|Namibia|納米比亞|Namíbia
NCL|NC|New Caledonia|新喀里多尼亞|Nova Caledónia
NER|NE|Niger|尼日爾|Níger
NFK|NF|Norfolk Island|諾福克島|Ilha Norfolk
NGA|NG|Nigeria|尼日利亞|Nigéria
NIC|NI|Nicaragua|尼加拉瓜|Nicarágua
NIU|NU|Niue|紐埃島|Niuê
NLD|NL|Netherlands|荷蘭|Países Baixos
NOR|NO|Norway|挪威|Noruega
NPL|NP|Nepal|尼泊爾|Nepal
NRU|NR|Nauru|瑙魯|Nauru
NZL|NZ|New Zealand|紐西蘭|Nova Zelândia
OMN|OM|Oman|阿曼|Omã
PAK|PK|Pakistan|巴基斯坦|Paquistão
PAN|PA|Panama|巴拿馬|Panamá
PCN|PN|Pitcairn Islands|皮特凱恩島|Ilhas Pitcairn
PER|PE|Peru|秘魯|Peru
PHL|PH|Philippines|菲律賓|Filipinas
PLW|PW|Palau|帛琉|Palau
PNG|PG|Papua New Guinea|巴布亞新畿內亞|Papua-Nova Guiné
POL|PL|Poland|波蘭|Polónia
PRI|PR|Puerto Rico|波多黎各|Porto Rico
PRK|KP|North Korea|北韓|Coreia do Norte
PRT|PT|Portugal|葡萄牙|Portugal
PRY|PY|Paraguay|巴拉圭|Paraguai
PSE|PS|Palestine|巴勒斯坦|Palestina
PYF|PF|French Polynesia|法屬波利尼西亞|Polinésia Francesa
QAT|QA|Qatar|卡塔爾|Catar
REU|RE|Réunion|留尼旺|Reunião
ROU|RO|Romania|羅馬尼亞|Roménia
RUS|RU|Russia|俄羅斯|Rússia
RWA|RW|Rwanda|盧旺達|Ruanda
SAU|SA|Saudi Arabia|沙地阿拉伯|Arábia Saudita
SDN|SD|Sudan|蘇丹|Sudão
SEN|SN|Senegal|塞內加爾|Senegal
SGP|SG|Singapore|新加坡|Singapura
SGS|GS|South Georgia and South Sandwich Islands|南佐治亞島與南桑威奇群島|Ilhas Geórgia do Sul e Sandwich do Sul
SHN|SH|St. Helena|聖赫勒拿島|Santa Helena
SJM|SJ|Svalbard and Jan Mayen|斯瓦爾巴特群島及揚馬延島|Svalbard e Jan Mayen
SLB|SB|Solomon Islands|所羅門群島|Ilhas Salomão
SLE|SL|Sierra Leone|塞拉利昂|Serra Leoa
SLV|SV|El Salvador|薩爾瓦多|Salvador
SMR|SM|San Marino|聖馬力諾|São Marinho
SOM|SO|Somalia|索馬里|Somália
SPM|PM|St. Pierre and Miquelon|聖皮埃與密克隆群島|São Pedro e Miquelão
SRB|RS|Serbia|塞爾維亞|Sérvia
SSD|SS|South Sudan|南蘇丹|Sudão do Sul
STP|ST|São Tomé and Príncipe|聖多美和普林西比|São Tomé e Príncipe
SUR|SR|Suriname|蘇里南|Suriname
SVK|SK|Slovakia|斯洛伐克|Eslováquia
SVN|SI|Slovenia|斯洛文尼亞|Eslovénia
SWE|SE|Sweden|瑞典|Suécia
SWZ|SZ|Eswatini|斯威士蘭|Essuatíni
SXM|SX|Sint Maarten|荷屬聖馬丁|São Martinho (Sint Maarten)
SYC|SC|Seychelles|塞舌爾|Seicheles
SYR|SY|Syria|敘利亞|Síria
TCA|TC|Turks and Caicos Islands|特克斯和凱科斯群島|Ilhas Turcas e Caicos
TCD|TD|Chad|乍得|Chade
TGO|TG|Togo|多哥|Togo
THA|TH|Thailand|泰國|Tailândia
TJK|TJ|Tajikistan|塔吉克|Tajiquistão
TKL|TK|Tokelau|托克勞群島|Toquelau
TKM|TM|Turkmenistan|土庫曼|Turquemenistão
TLS|TL|Timor-Leste|東帝汶|Timor-Leste
TON|TO|Tonga|湯加|Tonga
TTO|TT|Trinidad and Tobago|千里達和多巴哥|Trindade e Tobago
TUN|TN|Tunisia|突尼西亞|Tunísia
TUR|TR|Türkiye|土耳其|Turquia
TUV|TV|Tuvalu|圖瓦盧|Tuvalu
TWN|TW|Taiwan, China|中國台灣|Taiwan, China
TZA|TZ|Tanzania|坦桑尼亞|Tanzânia
UGA|UG|Uganda|烏干達|Uganda
UKR|UA|Ukraine|烏克蘭|Ucrânia
UMI|UM|U.S. Outlying Islands|美國本土外小島嶼|Ilhas Menores Afastadas dos EUA
URY|UY|Uruguay|烏拉圭|Uruguai
USA|US|United States|美國|Estados Unidos
UZB|UZ|Uzbekistan|烏茲別克|Usbequistão
VAT|VA|Vatican City|梵蒂岡|Cidade do Vaticano
VCT|VC|St. Vincent and Grenadines|聖文森特和格林納丁斯|São Vicente e Granadinas
VEN|VE|Venezuela|委內瑞拉|Venezuela
VGB|VG|British Virgin Islands|英屬維爾京群島|Ilhas Virgens Britânicas
VIR|VI|U.S. Virgin Islands|美屬維爾京群島|Ilhas Virgens dos EUA
VNM|VN|Vietnam|越南|Vietname
VUT|VU|Vanuatu|瓦努阿圖|Vanuatu
WLF|WF|Wallis and Futuna|瓦利斯群島和富圖那群島|Wallis e Futuna
WSM|WS|Samoa|薩摩亞|Samoa
XKX|XK|Kosovo|科索沃|Kosovo
YEM|YE|Yemen|也門|Iémen
ZAF|ZA|South Africa|南非|África do Sul
ZMB|ZM|Zambia|贊比亞|Zâmbia
ZWE|ZW|Zimbabwe|津巴布韋|Zimbabué`;

export type Country = { alpha3: string; alpha2: string; name: LocalizedLabel };

export const COUNTRIES: readonly Country[] = ROWS.trim()
  .split('\n')
  .map((row) => {
    const [alpha3 = '', alpha2 = '', en = '', zh = '', pt = ''] = row.split('|');
    return { alpha3, alpha2, name: { en, 'zh-Hant': zh, pt } };
  });

const BY_ALPHA3: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.alpha3, c]));

export function countryOf(alpha3: string): Country | undefined {
  return BY_ALPHA3.get(alpha3.toUpperCase());
}

/** A country's name in one language; a code Guia does not know shows as itself. */
export function countryName(alpha3: string, language: Language): string {
  return countryOf(alpha3)?.name[language] ?? alpha3;
}

/** Folds case and accents, so "sao tome" finds "São Tomé" and "cote" finds "Côte". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * Countries matching what a person types, best first: the code itself, then names (in any of
 * the three languages) starting with the text, then names containing it. Sorted by the name in
 * the reader's language within each rank.
 */
export function searchCountries(query: string, language: Language, limit = 20): Country[] {
  const q = foldForSearch(query);
  if (q === '') return [];
  const rank = (c: Country): number => {
    if (c.alpha3.toLowerCase() === q || c.alpha2.toLowerCase() === q) return 0;
    const names = Object.values(c.name).map(foldForSearch);
    if (names.some((n) => n.startsWith(q))) return 1;
    if (names.some((n) => n.includes(q))) return 2;
    return 3;
  };
  return COUNTRIES.map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r || a.c.name[language].localeCompare(b.c.name[language], language))
    .slice(0, limit)
    .map((x) => x.c);
}
