-- 0006: the overview's data — when an enterprise was founded (so the register can be counted
-- as it stood on a past day) and the targets the office sets itself (issue 8).

ALTER TABLE enterprises ADD COLUMN established_on TEXT;

-- indicator: a partydesk.domain.statistics.Key value; target_value: a percentage for a rate
-- indicator, else a count. One target per indicator and deadline year.
CREATE TABLE statistics_targets (
    id            INTEGER PRIMARY KEY,
    indicator     TEXT NOT NULL,
    target_value  REAL NOT NULL CHECK (target_value > 0),
    deadline_year INTEGER NOT NULL CHECK (deadline_year BETWEEN 2000 AND 2100),
    source        TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    UNIQUE (indicator, deadline_year)
);

-- The overview finds the transfers of a year by kind and date.
CREATE INDEX member_events_kind_day ON member_events (kind, on_date);
