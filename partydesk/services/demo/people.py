"""People of the sample office: Vietnamese names, mobile and landline numbers, addresses."""

from __future__ import annotations

from partydesk.domain.member import Gender
from partydesk.services.demo.base import _GeneratorBase
from partydesk.services.demo.helpers import _lower_first
from partydesk.services.demo.names import (
    _COMPOUND_FAMILY,
    _GIVEN_NAMES,
    _MOBILE_PREFIXES,
    _SECOND_MIDDLE_FEMALE,
    _VILLAGES,
)
from partydesk.services.demo.plans import _Person


class _PeopleGenerator(_GeneratorBase):
    """Generator steps that draw people: names, phone numbers and homes."""

    def person(self, gender: Gender | None = None, birth_year: int = 1980) -> _Person:
        if gender is None:
            gender = Gender.MALE if self._chance(0.55) else Gender.FEMALE
        return _Person(self._full_name(gender, birth_year), gender)

    def _full_name(self, gender: Gender, birth_year: int) -> str:
        rng = self.rng
        if rng.random() < 0.003:
            family = rng.choice(_COMPOUND_FAMILY[gender])
        else:
            family = self._pick(self._family)
        if gender is Gender.FEMALE:
            middle = self._pick(self._middle[gender])
            if middle == "Thị" and birth_year >= 1985 and rng.random() < 0.5:
                middle = self._pick(self._middle[gender])
            if middle == "Thị" and rng.random() < 0.25:
                middle = f"Thị {rng.choice(_SECOND_MIDDLE_FEMALE)}"
        else:
            middle = self._pick(self._middle[gender])
            if middle == "Văn" and birth_year >= 1985 and rng.random() < 0.4:
                middle = self._pick(self._middle[gender])
        given = rng.choice(_GIVEN_NAMES[gender])
        if given == middle:
            given = rng.choice(_GIVEN_NAMES[gender])
        return f"{family} {middle} {given}"

    def _mobile(self) -> str:
        return f"{self.rng.choice(_MOBILE_PREFIXES)}{self.rng.randrange(10**7):07d}"

    def _landline(self) -> str:
        prefix = self.region.landline_prefix
        digits = 10 - len(prefix)
        return f"{prefix}{self.rng.choice('36')}{self.rng.randrange(10**digits):0{digits}d}"

    def _residence(self) -> str:
        rng = self.rng
        ward = rng.choice(self.region.residence_wards)
        place = f"{_lower_first(ward)}, {self.region.city}"
        if ward.startswith("Xã"):
            return f"{rng.choice(_VILLAGES)}, {place}"
        street = rng.choice(self.region.streets)
        roll = rng.random()
        if roll < 0.45:
            return f"Số {rng.randint(1, 120)} ngõ {rng.randint(2, 350)} {street}, {place}"
        if roll < 0.6:
            return (
                f"Số {rng.randint(1, 40)} ngách {rng.randint(2, 90)}/{rng.randint(2, 350)} "
                f"{street}, {place}"
            )
        if roll < 0.85:
            return f"Số {rng.randint(1, 400)} {street}, {place}"
        return f"Tổ dân phố số {rng.randint(1, 30)}, {place}"
