"""Article text -> sentences -> facts -> question drafts. Pure code: no ORM, no Django.

The regular-expression part (numbers, dates, money, quantities) needs nothing beyond the standard
library. Names (people, places, organisations) come from GiNZA, loaded lazily by `names` the
first time the drafting path asks for it, so a process that only serves quiz pages never imports
spaCy.
"""
