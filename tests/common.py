"""Values shared by the tests: the fixed day every service-level test runs on."""

from datetime import date

TODAY = date(2026, 11, 21)
