"""Latvian formats where Django 5.2's own `lv` locale is wrong.

Django prints the short date as "6.12.2014" and the time as "09:05"; Latvian
usage is "06.12.2014." and "09.05" (COMPLIANCE.md section 5).
"""

DATE_FORMAT = r"Y. \g\a\d\a j. F"
SHORT_DATE_FORMAT = "d.m.Y."
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"Y. \g\a\d\a j. F, H.i"
SHORT_DATETIME_FORMAT = "d.m.Y. H.i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = r"Y. \g. F"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
