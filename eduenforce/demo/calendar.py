"""Statutory holidays for the years the chinesecalendar package does not cover yet.

《全国年节及纪念日放假办法》 (2024 revision) gives 13 days: 元旦 1, 春节 4 (除夕 and 初一 to 初三),
清明 1, 劳动节 2 (1–2 May), 端午 1, 中秋 1, 国庆 3 (1–3 October). The State Council's yearly
notice adds the 调休 (bridging days and make-up workdays); until it is published, the demo's
system administrator enters the statutory days, as a bureau would, and adds the notice later
(the calendar page takes the whole notice at once).
"""

from datetime import date, timedelta

import chinese_calendar

from eduenforce.core.workdays import PACKAGE_YEARS

# 正月初一, 五月初五, 八月十五 in the Gregorian calendar (astronomical data, not policy).
LUNAR_FESTIVALS = {
    2027: (date(2027, 2, 6), date(2027, 6, 9), date(2027, 9, 15)),
    2028: (date(2028, 1, 26), date(2028, 5, 28), date(2028, 10, 3)),
    2029: (date(2029, 2, 13), date(2029, 6, 16), date(2029, 9, 22)),
    2030: (date(2030, 2, 3), date(2030, 6, 5), date(2030, 9, 12)),
    2031: (date(2031, 1, 23), date(2031, 6, 24), date(2031, 10, 1)),
    2032: (date(2032, 2, 11), date(2032, 6, 12), date(2032, 9, 19)),
    2033: (date(2033, 1, 31), date(2033, 6, 1), date(2033, 9, 8)),
    2034: (date(2034, 2, 19), date(2034, 6, 20), date(2034, 9, 27)),
    2035: (date(2035, 2, 8), date(2035, 6, 10), date(2035, 9, 16)),
}
LAST_YEAR = max(LUNAR_FESTIVALS)


def known(year: int) -> bool:
    return year in PACKAGE_YEARS or year in LUNAR_FESTIVALS


def statutory_holidays(year: int) -> list[tuple[date, str]]:
    """The 13 statutory days of ``year`` with their names (a year in LUNAR_FESTIVALS)."""
    spring, dragon_boat, mid_autumn = LUNAR_FESTIVALS[year]
    qingming = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))[0][0]
    days = [(date(year, 1, 1), "元旦")]
    days += [(spring + timedelta(days=k), "春节") for k in range(-1, 3)]
    days += [(qingming, "清明节"), (date(year, 5, 1), "劳动节"), (date(year, 5, 2), "劳动节")]
    days += [(dragon_boat, "端午节"), (mid_autumn, "中秋节")]
    days += [(date(year, 10, k), "国庆节") for k in (1, 2, 3)]
    return sorted(dict(reversed(days)).items())  # 中秋 may fall on 3 October


def build(demo) -> None:
    """The system administrator enters the statutory days of every year the build touches
    (the report year, the current year and the next one) that the package does not cover."""
    from eduenforce.core.calendar import do_enter_days
    from eduenforce.core.choices import DayKind

    admin = demo.users.get("sysadmin")
    for year in range(demo.year, demo.year + 3):
        if year in PACKAGE_YEARS:
            continue
        days = [(day, DayKind.HOLIDAY, name) for day, name in statutory_holidays(year)]
        do_enter_days(days, by=admin, note=f"{year}年法定节假日（国务院放假安排公布后补录调休）")
