"""Child for the crash test: records score edits forever, printing each event id once it is committed."""

from __future__ import annotations

import sys
from pathlib import Path

from assessor_app.domain.assignment import Assignment, AssignmentKind
from assessor_app.store.catalog import Catalog
from assessor_app.store.database import Database
from assessor_app.store.sheets import Author, SheetStore
from tests.builders import sample_credential


def main(path: str) -> None:
    credential = sample_credential()
    db = Database.open(Path(path))
    catalog = Catalog(db)
    catalog.save_assignment(Assignment("a1", "s1", credential.id, credential.version, "ana", AssignmentKind.LIVE))
    store = SheetStore(db, Author("ana", "laptop"))
    sheet = store.open("a1")
    criteria = credential.rubric.criteria
    n = 0
    while True:
        criterion = criteria[n % len(criteria)]
        level = criterion.levels[n % len(criterion.levels)]
        sheet = store.record(sheet, sheet.propose_level(credential, criterion.id, level.id)).sheet
        sys.stdout.write(f"{sheet.id}:{sheet.event_count}\n")  # only after record() returned: committed
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main(sys.argv[1])
