"""Statutory amounts of the penalty procedure ([P] rules of domain-rules.md §1 and §11).

These are law, not settings: changing them needs a law change and a release. Day counts
are not here; they come from the deadline-rule table (``core.deadlines``).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from eduenforce.cases.choices import HEARING_KINDS, PartyKind, PenaltyKind
from eduenforce.core.errors import DomainError

CENT = Decimal("0.01")

# 53号令 第30条 (以上 includes the threshold, 第43条).
HEARING_FINE_PERSON = Decimal("30000")
HEARING_FINE_ORGANISATION = Decimal("100000")
HEARING_CONFISCATION = Decimal("100000")

# 行政处罚法 第51条: on-the-spot penalties.
SPOT_FINE_PERSON = Decimal("200")
SPOT_FINE_ORGANISATION = Decimal("3000")
SPOT_KINDS = frozenset({PenaltyKind.WARNING, PenaltyKind.FINE})

# 行政处罚法 第72条: 3 % of the fine per day, never more than the fine.
SURCHARGE_RATE_PER_DAY = Decimal("0.03")

# Largest amount a form or caller may give (the fields hold 14 digits).
MAX_AMOUNT = Decimal("999999999999.99")


def to_amount(value, label: str, *, field: str | None = None, required: bool = False) -> Decimal | None:
    """Parse a money amount given by a person or a caller: ``"abc"`` and ``-1`` are refused in Chinese."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DomainError(f"请填写{label}", field=field)
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise DomainError(f"{label}必须是数字（如 5000 或 5000.50），收到“{value}”", field=field) from None
    if not amount.is_finite():
        raise DomainError(f"{label}必须是数字", field=field)
    if amount < 0:
        raise DomainError(f"{label}不能为负数", field=field)
    if amount > MAX_AMOUNT:
        raise DomainError(f"{label}超出可登记的最大金额", field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(f"{label}最多保留两位小数（精确到分）", field=field)
    return amount.quantize(CENT)


def hearing_right(*, party_kind: str, kinds, fine: Decimal | None, confiscation: Decimal | None) -> list[str]:
    """The reasons the party may request a hearing (empty list: no hearing right)."""
    reasons = []
    fine = fine or Decimal("0")
    if party_kind == PartyKind.PERSON and fine >= HEARING_FINE_PERSON:
        reasons.append(f"对自然人罚款 {fine:,.2f} 元，达到 3 万元")
    if party_kind == PartyKind.ORGANISATION and fine >= HEARING_FINE_ORGANISATION:
        reasons.append(f"对法人或其他组织罚款 {fine:,.2f} 元，达到 10 万元")
    if (confiscation or Decimal("0")) >= HEARING_CONFISCATION:
        reasons.append(f"没收违法所得 {confiscation:,.2f} 元，达到 10 万元")
    labels = dict(PenaltyKind.choices)
    reasons += [f"拟{labels[k]}" for k in kinds if k in HEARING_KINDS]
    return reasons


def check_on_the_spot(*, party_kind: str, kinds, fine: Decimal | None) -> None:
    """行政处罚法 第51条: only a warning, or a fine within 200 / 3,000 yuan."""
    kinds = set(kinds)
    if not kinds:
        raise DomainError("请选择处罚种类（警告或罚款）", field="kinds")
    extra = kinds - SPOT_KINDS
    if extra:
        labels = dict(PenaltyKind.choices)
        names = "、".join(labels[k] for k in sorted(extra))
        raise DomainError(f"简易程序只能给予警告或罚款，不能{names}；请适用普通程序", field="kinds")
    fine = fine or Decimal("0")
    if PenaltyKind.FINE in kinds and fine <= 0:
        raise DomainError("选择了罚款，请填写罚款金额", field="fine")
    if PenaltyKind.FINE not in kinds and fine > 0:
        raise DomainError("未选择罚款种类却填写了罚款金额", field="fine")
    limit = SPOT_FINE_PERSON if party_kind == PartyKind.PERSON else SPOT_FINE_ORGANISATION
    if fine > limit:
        who = "自然人" if party_kind == PartyKind.PERSON else "法人或其他组织"
        raise DomainError(
            f"当场处罚对{who}罚款不得超过 {limit:,.0f} 元（行政处罚法第51条）；{fine:,.2f} 元须适用普通程序",
            field="fine",
        )


@dataclass(frozen=True)
class AmountDue:
    fine: Decimal
    confiscation: Decimal
    surcharge: Decimal
    days_late: int

    @property
    def total(self) -> Decimal:
        return self.fine + self.confiscation + self.surcharge


def surcharge(fine: Decimal, due_on: date, paid_on: date) -> tuple[Decimal, int]:
    """加处罚款 for paying on ``paid_on`` a fine due on ``due_on``: 3 % per day, capped at the fine."""
    days = max(0, (paid_on - due_on).days)
    amount = (fine * SURCHARGE_RATE_PER_DAY * days).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(amount, fine), days


def amount_due(
    *, fine: Decimal | None, confiscation: Decimal | None, due_on: date | None, on: date
) -> AmountDue:
    fine = fine or Decimal("0")
    confiscation = confiscation or Decimal("0")
    extra, days = surcharge(fine, due_on, on) if due_on else (Decimal("0.00"), 0)
    return AmountDue(fine, confiscation, extra, days)
