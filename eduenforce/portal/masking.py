"""The one masking function every public page, feed and API response uses.

个人信息保护 in disclosure (security-requirements.md row 33): natural persons other than the
penalised party are removed; a penalised individual appears as surname + 某; ID numbers,
phone numbers, bank accounts, home addresses and health information never appear.

``mask_public`` (strings, or dicts/lists of them) applies to CONTENT only: the text fields of a
publication when it is stored (``portal.services``, following the types of ``portal.fields``)
and the same text fields again when the API or a feed gives them out (it is idempotent).
Identifiers, cursors, URLs, feed ids and the platform's fixed text never pass through it, and
``keep=`` names strings inside content (a publication's own public id, a document number)
that must come out unchanged whatever they look like. Patterns are anchored on
non-alphanumeric boundaries so that hexadecimal hashes and seeds are never touched, and the
ID-number pattern requires a plausible birth date so that an all-digit 统一社会信用代码 survives.
"""

import re

from eduenforce.core import config

REDACTED = "[已隐去]"
REMOVED_PERSON = "有关人员"
REMOVED_NAME = "（姓名已隐去）"
HEALTH_REDACTED = "[健康信息已隐去]"

_B = r"(?<![0-9A-Za-z])"  # not preceded by a letter or digit (so never inside a hash)
_E = r"(?![0-9A-Za-z])"
_DATE8 = r"(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_DATE6 = r"[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"

# Every number-shaped identifier has at least ten digits; only such runs are examined further,
# which keeps masking a page of dates and amounts cheap.
_NUMBER_RUN = re.compile(_B + r"[(+]?[0-9](?:[\- ()]?[0-9]){9,}[Xx]?" + _E)
# Resident ID numbers: 6-digit region, birth date, sequence, check (18) or the old 15-digit form.
_ID_NUMBER = re.compile(
    _B + r"(?:[1-9][0-9]{5}" + _DATE8 + r"[0-9]{3}[0-9Xx]|[1-9][0-9]{5}" + _DATE6 + r"[0-9]{3})" + _E
)
# Accounts introduced by a keyword: any long digit run after 账号/卡号/账户 (organisations' too).
_ACCOUNT = re.compile(r"((?:账号|帐号|账户|帐户|卡号)[：:\s]*)([0-9][0-9 \-]{7,30}[0-9])")
# Bank cards grouped by four, or a bare 16/17/19-digit number that passes the Luhn check.
_CARD_GROUPED = re.compile(_B + r"[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?" + _E)
_CARD_BARE = re.compile(_B + r"[0-9]{16,19}" + _E)
# Mainland mobiles, optionally +86 / 86 prefixed, with or without separators.
_MOBILE = re.compile(_B + r"(?:\+?86[\- ]?)?1[3-9][0-9][\- ]?[0-9]{4}[\- ]?[0-9]{4}" + _E)
# Landlines with an area code: 022-84371234, (022)84371234, 02284371234.
_LANDLINE = re.compile(_B + r"(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[\- ]?[0-9]{7,8}" + _E)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Vehicle plates (津A12345, 津A·D12345).
_PLATE = re.compile(
    "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"[A-HJ-NP-Z][·• ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]?" + _E
)
# Home addresses and health information, recognised by the words that introduce them.
# The gap between the word and the value may hold a colon, quotes (JSON) or tags (a table cell).
_GAP = r"((?:[：:\s\"']|<[^<>]{0,120}>)*)"
_STOP = r"[^，,。；;！!？?、\r\n<>\"'（）()【】\[\]]"
_ADDRESS = re.compile(
    r"(家庭住址|家庭地址|现住址|居住地址|户籍地址|住址|家住|现居住地|居住地|户籍地)" + _GAP + _STOP + "{2,60}"
)
# The plainer words (a form's label 机构地址, an organisation's 住所) only with the value right
# after them: never across tags, so a label followed by the next field's label stays as it is.
_PLAIN_ADDRESS = re.compile(r"(住所地|住所|(?<![网邮箱址站])地址)([：:\s]*)" + _STOP + "{2,60}")
# Dates of birth, QQ numbers and WeChat ids, recognised by the words that introduce them.
_BIRTH = re.compile(
    r"(出生日期|出生年月日|出生年月|出生于|生于|生日)"
    + _GAP
    + r"[0-9０-９]{2,4}[0-9０-９年月日号\-./ ]{1,12}"
)
_QQ = re.compile(r"((?:QQ|qq|ＱＱ|Qq)(?:号码|号)?)" + _GAP + r"[1-9][0-9]{4,11}" + _E)
_WECHAT = re.compile(
    r"((?:微信号|微信|WeChat|wechat|Wechat|微信ID|微信id)(?:号码|号|ID|id)?)"
    + _GAP
    + r"[A-Za-z0-9][-_A-Za-z0-9]{4,19}"
    + _E
)
_HEALTH = re.compile(r"(?:患有|确诊为?|诊断为|病史|病情|残疾等级)" + _GAP + _STOP + "{1,40}")

# Persons who are never the penalised party: their names go whatever the caller passed.
_ROLE_WORDS = "证人|见证人|证明人|投诉人|举报人|受害人|被害人|监护人|知情人|被监护人"
_COMMON_SURNAMES = (  # single-character surnames only: place names (东丽, 南开) must not look like names
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧"
)
_ROLE_NAME = re.compile(f"({_ROLE_WORDS}){_GAP}([{_COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}})")
# Family members, pupils and other third parties named without a role word: 家长李建华, 其女儿王可可.
_KIN_WORDS = (
    "家长|父亲|母亲|爸爸|妈妈|儿子|女儿|之子|之女|其子|其女|孙子|孙女|外孙|外孙女|丈夫|妻子|配偶|爱人|"
    "哥哥|姐姐|弟弟|妹妹|爷爷|奶奶|外公|外婆|姥姥|姥爷|亲属|亲戚|学生|学员|幼儿|儿童|未成年人|同学|"
    "邻居|朋友|同事|教师|老师|员工|工作人员|代理人"
)
_KIN_NAME = re.compile(f"((?:{_KIN_WORDS}))([：:\\s]*)([{_COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}})")
# A name followed by an age (王可可（12岁）) is a named child or third party whatever precedes it.
_AGED_NAME = re.compile(f"([{_COMMON_SURNAMES}][\u4e00-\u9fff]{{1,2}})(?=[（(][0-9０-９]{{1,3}}(?:周)?岁)")


def mask_person_name(name: str, *, suffix: str | None = None) -> str:
    """张三 → 张某; a compound surname (欧阳) keeps both characters."""
    name = (name or "").strip()
    if not name:
        return ""
    if suffix is None:
        suffix = config.get("masking.person_suffix")
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return surname + suffix


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _card(match: re.Match) -> str:
    digits = match.group(0)
    return REDACTED if len(digits) != 18 and _luhn_ok(digits) else digits


# A field whose label says it holds personal data is withheld whatever its value looks like.
_SENSITIVE_KEY = re.compile(
    "身份证|证件号|住址|家庭地址|居住地|户籍|手机|电话|联系方式|邮箱|银行|账号|帐号|账户|卡号|车牌|健康|病|"
    "出生|证人|投诉人|举报人|监护人|id_number|phone|mobile|address|bank|email|health",
    re.IGNORECASE,
)


def is_sensitive_key(key) -> bool:
    return bool(_SENSITIVE_KEY.search(str(key)))


class _Masker:
    """One masking pass; reads the configuration once, however many strings it masks."""

    def __init__(self, names_to_remove=(), names_to_mask=(), keep=()):
        self.suffix = config.get("masking.person_suffix")
        raw = config.get("masking.public_contacts") or ""
        self.allowed = frozenset(p.strip() for p in re.split(r"[,，;；\s]+", raw) if p.strip())
        self.to_mask = sorted({n.strip() for n in names_to_mask if n and n.strip()}, key=len, reverse=True)
        self.to_remove = sorted(
            {n.strip() for n in names_to_remove if n and n.strip()}, key=len, reverse=True
        )
        self.keep = sorted({str(k) for k in keep if k and len(str(k)) >= 4}, key=len, reverse=True)

    def _keep_allowed(self, match: re.Match) -> str:
        return match.group(0) if match.group(0) in self.allowed else REDACTED

    def _number_run(self, match: re.Match) -> str:
        run = match.group(0)
        if run in self.allowed:
            return run
        run = _ID_NUMBER.sub(REDACTED, run)
        run = _CARD_GROUPED.sub(REDACTED, run)
        run = _CARD_BARE.sub(_card, run)
        run = _MOBILE.sub(self._keep_allowed, run)
        return _LANDLINE.sub(self._keep_allowed, run)

    def _role_name(self, match: re.Match) -> str:
        name = match.group(3)
        if self.suffix and name[1:].startswith(self.suffix):
            return match.group(0)  # already masked (张某)
        return match.group(1) + match.group(2) + REMOVED_NAME

    def _kin_name(self, match: re.Match) -> str:
        name = match.group(3)
        if self.suffix and name[1:].startswith(self.suffix):
            return match.group(0)
        if name in self.to_mask:  # the penalised individual, already shown as 张某 elsewhere
            return match.group(0)
        return match.group(1) + match.group(2) + REMOVED_NAME

    def _aged_name(self, match: re.Match) -> str:
        name = match.group(1)
        if (self.suffix and name[1:].startswith(self.suffix)) or name in self.to_mask:
            return name
        return REMOVED_NAME

    def text(self, text: str) -> str:
        if not text:
            return ""
        if not self.keep:
            return self._text(text)
        # Identifiers inside content come out exactly as they went in.
        kept = {}
        for i, value in enumerate(self.keep):
            if value in text:
                token = f"\ue000{chr(0xE100 + i)}\ue001"
                kept[token] = value
                text = text.replace(value, token)
        out = self._text(text)
        for token, value in kept.items():
            out = out.replace(token, value)
        return out

    def _text(self, text: str) -> str:
        out = _ACCOUNT.sub(lambda m: m.group(1) + REDACTED, text)
        out = _NUMBER_RUN.sub(self._number_run, out)
        if "@" in out:
            out = _EMAIL.sub(self._keep_allowed, out)
        out = _PLATE.sub(REDACTED, out)
        out = _ADDRESS.sub(lambda m: m.group(1) + m.group(2) + REDACTED, out)
        out = _PLAIN_ADDRESS.sub(lambda m: m.group(1) + m.group(2) + REDACTED, out)
        out = _HEALTH.sub(HEALTH_REDACTED, out)
        out = _BIRTH.sub(lambda m: m.group(1) + m.group(2) + REDACTED, out)
        out = _QQ.sub(lambda m: m.group(1) + m.group(2) + REDACTED, out)
        out = _WECHAT.sub(lambda m: m.group(1) + m.group(2) + REDACTED, out)
        for name in self.to_mask:
            out = out.replace(name, mask_person_name(name, suffix=self.suffix))
        for name in self.to_remove:
            out = out.replace(name, REMOVED_PERSON)
        out = _ROLE_NAME.sub(self._role_name, out)
        out = _KIN_NAME.sub(self._kin_name, out)
        return _AGED_NAME.sub(self._aged_name, out)

    def value(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {
                k: (REDACTED if is_sensitive_key(k) and v not in (None, "", REDACTED) else self.value(v))
                for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


def redact_text(text: str, *, names_to_remove=(), names_to_mask=(), keep=()) -> str:
    """Remove identifiers from free text; remove or mask the named natural persons."""
    if not text:
        return ""
    return _Masker(names_to_remove, names_to_mask, keep).text(text)


def mask_public(value, *, names_to_remove=(), names_to_mask=(), keep=()):
    """THE masking function for content: ``redact_text`` applied to a string, or to every string
    inside dicts and lists. In a dict, a value under a personal-data label (住址, 联系电话, 证人…)
    is withheld entirely. Strings in ``keep`` (identifiers) come out unchanged."""
    return _Masker(names_to_remove, names_to_mask, keep).value(value)


def named_persons(text: str) -> list[str]:
    """Names of third parties that masking would remove from ``text`` (for the reviewer's check)."""
    found = []
    for pattern, group in ((_ROLE_NAME, 3), (_KIN_NAME, 3), (_AGED_NAME, 1)):
        for match in pattern.finditer(text or ""):
            name = match.group(group)
            suffix = config.get("masking.person_suffix")
            if not (suffix and name[1:].startswith(suffix)) and name not in found:
                found.append(name)
    return found


_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "令狐",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "澹台",
    "万俟",
    "闻人",
    "申屠",
}
